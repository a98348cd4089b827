package dev.aigateway.core.routing;

import static dev.aigateway.core.testing.OpenAiFakes.CHAT_BODY;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.testing.FakeRandom;
import dev.aigateway.core.testing.TestGateway;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadBalanceTest {
    private final MockWebServer a = new MockWebServer();
    private final MockWebServer b = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        a.start();
        b.start();
    }

    private final java.util.List<TestGateway> gateways = new java.util.ArrayList<>();

    @AfterEach
    void stop() {
        gateways.forEach(TestGateway::close);
        a.close();
        b.close();
    }

    private TestGateway gateway(FakeRandom random) {
        TestGateway test = new TestGateway(random);
        gateways.add(test);
        return test;
    }

    private String config(double weightA, double weightB) {
        return "{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":["
                + "{\"provider\":\"openai\",\"api_key\":\"a\",\"custom_host\":\"" + a.url("/v1") + "\",\"weight\":"
                + weightA + "},"
                + "{\"provider\":\"openai\",\"api_key\":\"b\",\"custom_host\":\"" + b.url("/v1") + "\",\"weight\":"
                + weightB + "}]}";
    }

    @Test
    void picksByWeight() throws Exception {
        // r = random * total(4): 0.2 -> 0.8 < 1 picks a; 0.3 -> 1.2 >= 1 picks b; 0.99 -> 3.96 picks b.
        TestGateway test = gateway(new FakeRandom(0.2, 0.3, 0.99));
        a.enqueue(ok("a"));
        b.enqueue(ok("b"));
        b.enqueue(ok("b"));

        GatewayResponse first = test.chat(config(1, 3), CHAT_BODY);
        GatewayResponse second = test.chat(config(1, 3), CHAT_BODY);
        GatewayResponse third = test.chat(config(1, 3), CHAT_BODY);

        assertEquals("config.targets[0]", first.headers().value("x-portkey-last-used-option-index"));
        assertEquals("config.targets[1]", second.headers().value("x-portkey-last-used-option-index"));
        assertEquals("config.targets[1]", third.headers().value("x-portkey-last-used-option-index"));
        assertEquals(1, a.getRequestCount());
        assertEquals(2, b.getRequestCount());
    }

    @Test
    void weightZeroIsNeverPicked() throws Exception {
        TestGateway test = gateway(new FakeRandom(0.0, 0.5, 0.999999));
        for (int i = 0; i < 3; i++) {
            b.enqueue(ok("b"));
        }

        for (int i = 0; i < 3; i++) {
            assertEquals(
                    "config.targets[1]",
                    test.chat(config(0, 2), CHAT_BODY).headers().value("x-portkey-last-used-option-index"));
        }
        assertEquals(0, a.getRequestCount());
    }

    @Test
    void thereIsNoFailoverInsideALoadBalance() throws Exception {
        TestGateway test = gateway(new FakeRandom(0.1));
        a.enqueue(dev.aigateway.core.testing.OpenAiFakes.error(500, "down"));

        GatewayResponse response = test.chat(config(1, 1), CHAT_BODY);

        assertEquals(500, response.status());
        assertEquals(0, b.getRequestCount());
    }

    @Test
    void allWeightsZeroIsAConfigError() throws Exception {
        GatewayResponse response = gateway(new FakeRandom()).chat(config(0, 0), CHAT_BODY);

        assertEquals(400, response.status());
        assertEquals(
                "Invalid config passed: targets: loadbalance needs at least one target with a weight above 0",
                TestGateway.json(response).path("message").asText());
    }
}
