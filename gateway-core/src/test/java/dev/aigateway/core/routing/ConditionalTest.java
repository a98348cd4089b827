package dev.aigateway.core.routing;

import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.testing.TestGateway;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConditionalTest {
    private final MockWebServer server = new MockWebServer();
    private final TestGateway test = new TestGateway();

    @BeforeEach
    void start() throws Exception {
        server.start();
        for (int i = 0; i < 5; i++) {
            server.enqueue(ok("x"));
        }
    }

    @AfterEach
    void stop() {
        test.close();
        server.close();
    }

    private String config(String conditions, String defaultName) {
        String host = server.url("/v1").toString();
        return "{\"strategy\":{\"mode\":\"conditional\",\"conditions\":" + conditions
                + (defaultName == null ? "" : ",\"default\":\"" + defaultName + "\"") + "},\"targets\":["
                + "{\"name\":\"pro\",\"provider\":\"openai\",\"api_key\":\"p\",\"custom_host\":\"" + host + "\"},"
                + "{\"name\":\"free\",\"provider\":\"openai\",\"api_key\":\"f\",\"custom_host\":\"" + host + "\"}]}";
    }

    private GatewayResponse send(String config, String metadata, String body) {
        GatewayRequest.Builder request =
                GatewayRequest.builder(Endpoint.CHAT_COMPLETE).config(config).body(body);
        if (metadata != null) {
            request.header("x-portkey-metadata", metadata);
        }
        return test.gateway.handle(request.build());
    }

    private static String index(GatewayResponse response) {
        return response.headers().value("x-portkey-last-used-option-index");
    }

    @Test
    void routesOnMetadata() {
        String config = config("[{\"query\":{\"metadata.tier\":{\"$eq\":\"pro\"}},\"then\":\"pro\"}]", "free");

        assertEquals("config.targets[0]", index(send(config, "{\"tier\":\"pro\"}", "{\"model\":\"m\"}")));
        assertEquals("config.targets[1]", index(send(config, "{\"tier\":\"basic\"}", "{\"model\":\"m\"}")));
        assertEquals("config.targets[1]", index(send(config, null, "{\"model\":\"m\"}")));
    }

    @Test
    void routesOnParamsWithLogicalOperators() {
        String config = config(
                "[{\"query\":{\"$or\":[{\"params.model\":{\"$in\":[\"big\",\"huge\"]}},"
                        + "{\"params.max_tokens\":{\"$gt\":1000}}]},\"then\":\"pro\"}]",
                "free");

        assertEquals("config.targets[0]", index(send(config, null, "{\"model\":\"huge\"}")));
        assertEquals("config.targets[0]", index(send(config, null, "{\"model\":\"small\",\"max_tokens\":2000}")));
        assertEquals("config.targets[1]", index(send(config, null, "{\"model\":\"small\",\"max_tokens\":10}")));
    }

    @Test
    void routesOnThePath() {
        String config =
                config("[{\"query\":{\"url.pathname\":{\"$regex\":\"chat/completions$\"}},\"then\":\"pro\"}]", null);

        assertEquals("config.targets[0]", index(send(config, null, "{\"model\":\"m\"}")));
    }

    @Test
    void noMatchAndNoDefaultIsA400() throws Exception {
        String config = config("[{\"query\":{\"metadata.tier\":\"pro\"},\"then\":\"pro\"}]", null);

        GatewayResponse response = send(config, null, "{\"model\":\"m\"}");

        assertEquals(400, response.status());
        assertEquals(
                "Query router did not resolve to any valid target",
                TestGateway.json(response).path("message").asText());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void unknownOperatorsAndNamesAreConfigErrors() throws Exception {
        GatewayResponse badOp =
                send(config("[{\"query\":{\"metadata.a\":{\"$like\":\"x\"}},\"then\":\"pro\"}]", null), null, "{}");
        GatewayResponse badName =
                send(config("[{\"query\":{\"metadata.a\":\"x\"},\"then\":\"gold\"}]", null), null, "{}");

        assertEquals(400, badOp.status());
        assertEquals(
                "Invalid config passed: strategy.conditions[0].query.metadata.a: Unsupported operator used in the query router: $like",
                TestGateway.json(badOp).path("message").asText());
        assertEquals(400, badName.status());
        assertEquals(
                "Invalid config passed: strategy.conditions[0].then: Invalid target name found in the query router: gold",
                TestGateway.json(badName).path("message").asText());
    }
}
