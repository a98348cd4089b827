package dev.aigateway.core.security;

import static dev.aigateway.core.security.InjectionFixture.CHAT_BODY;
import static dev.aigateway.core.security.InjectionFixture.assertRefused;
import static dev.aigateway.core.security.InjectionFixture.fallback;
import static dev.aigateway.core.security.InjectionFixture.leaf;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.testing.TestGateway;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Caller input that ends up in an upstream URL (Gemini's model, Azure's deployment and version,
 * the custom host) can neither leave its path segment or query value nor change host or path
 * prefix: it is percent-encoded, or refused with a 400 naming it.
 */
class UrlInjectionTest {
    private final MockWebServer server = new MockWebServer();
    private final TestGateway test = new TestGateway();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    private static String body(String model) {
        ObjectNode body = Json.object().put("model", model);
        body.set("messages", Json.array().add(Json.object().put("role", "user").put("content", "Hi")));
        return Json.text(body);
    }

    private RecordedRequest sent() throws InterruptedException {
        return server.takeRequest(5, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "../../x | ..%2F..%2Fx",
                "a?b | a%3Fb",
                "a#b | a%23b",
                "a/b | a%2Fb",
                "models/../../x | ..%2F..%2Fx",
                ".. | ..",
                "a:streamGenerateContent | a%3AstreamGenerateContent",
                "%2e%2e | %252e%252e",
                "'a b' | a%20b",
                "gemini-2.5-flash | gemini-2.5-flash",
            })
    void geminiModelsStayInsideTheirPathSegment(String model, String encoded) throws Exception {
        server.enqueue(ok("x"));

        test.chat(fallback(leaf(server, "google").put("api_key", "k")), body(model))
                .discard();

        RecordedRequest sent = sent();
        assertEquals("/v1beta/models/" + encoded + ":generateContent", sent.getTarget());
        assertNull(sent.getUrl().query(), "no query");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a\r\nb", "a\u0000b", "gemini\n"})
    void aGeminiModelWithControlCharactersIsRefused(String model) throws Exception {
        GatewayResponse refused = test.chat(fallback(leaf(server, "google").put("api_key", "k")), body(model));

        assertRefused(refused, "model", server);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "../../x | ..%2F..%2Fx",
                "a?b | a%3Fb",
                "a#b | a%23b",
                "a/b | a%2Fb",
                "'a b' | a%20b",
                "gpt-4o.prod_1 | gpt-4o.prod_1",
            })
    void azureDeploymentsStayInsideTheirPathSegment(String deployment, String encoded) throws Exception {
        server.enqueue(ok("x"));

        test.chat(
                        fallback(
                                leaf(server, "azure-openai").put("api_key", "k").put("deployment_id", deployment)),
                        CHAT_BODY)
                .discard();

        RecordedRequest sent = sent();
        assertEquals("/openai/deployments/" + encoded + "/chat/completions?api-version=2024-10-21", sent.getTarget());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"..", ".", "%2e%2e"})
    void azureDeploymentsThatAreDotSegmentsAreRefused(String deployment) throws Exception {
        if (deployment.startsWith("%")) {
            // Encoded as %252e%252e: a name, not a dot segment, so it is sent.
            server.enqueue(ok("x"));
            test.chat(fallback(leaf(server, "azure-openai").put("deployment_id", deployment)), CHAT_BODY)
                    .discard();
            assertEquals("/openai/deployments/%252e%252e/chat/completions?api-version=2024-10-21", sent().getTarget());
            return;
        }
        GatewayResponse refused =
                test.chat(fallback(leaf(server, "azure-openai").put("deployment_id", deployment)), CHAT_BODY);

        assertRefused(refused, "deployment_id", server);
    }

    @Test
    void anAzureApiVersionStaysOneQueryValue() throws Exception {
        server.enqueue(ok("x"));

        test.chat(fallback(leaf(server, "azure-openai").put("api_version", "2024-10-21&key=x#frag")), CHAT_BODY)
                .discard();

        RecordedRequest sent = sent();
        assertEquals(Set.of("api-version"), sent.getUrl().queryParameterNames());
        assertEquals("2024-10-21&key=x#frag", sent.getUrl().queryParameter("api-version"));
        assertEquals(
                "/openai/deployments/gpt-4o-prod/chat/completions",
                sent.getUrl().encodedPath());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"evil.com/x", "evil.com#", "a.b", "a@b", "a?b", "a:80", "-a", "a\r\nb"})
    void anAzureResourceNameCannotChangeTheHost(String resource) throws Exception {
        ObjectNode leaf = leaf(server, "azure-openai").put("resource_name", resource);
        leaf.remove("custom_host");

        assertRefused(test.chat(fallback(leaf), CHAT_BODY), "resource_name", server);
        assertRefused(
                test.gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                        .header("x-portkey-provider", "azure-openai")
                        .header("x-portkey-azure-resource-name", resource)
                        .header("x-portkey-azure-deployment-id", "d")
                        .header("x-portkey-azure-api-version", "2024-10-21")
                        .header("x-portkey-request-timeout", "10000")
                        .body(CHAT_BODY)
                        .build()),
                "resource-name",
                server);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openai", "groq", "anthropic", "together-ai"})
    void otherProvidersNeverPutTheModelInTheUrl(String provider) throws Exception {
        server.enqueue(ok("x"));

        test.chat(fallback(leaf(server, provider).put("api_key", "k")), body("../../x?y=1#z"))
                .discard();

        RecordedRequest sent = sent();
        assertNull(sent.getUrl().query());
        assertEquals(
                provider.equals("anthropic")
                        ? "/v1/messages"
                        : provider.equals("together-ai") ? "/v1/v1/chat/completions" : "/v1/chat/completions",
                sent.getTarget());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/v1#", "/v1?x=1", "/v1#/ignored"})
    void aCustomHostWithAQueryOrFragmentIsRefused(String suffix) throws Exception {
        String host = server.url("/").toString().replaceAll("/$", "") + suffix;
        ObjectNode leaf = leaf(server, "openai").put("api_key", "k").put("custom_host", host);

        assertRefused(test.chat(fallback(leaf), CHAT_BODY), "targets[0].custom_host", server);
        assertRefused(
                test.gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                        .header("x-portkey-provider", "openai")
                        .header("x-portkey-custom-host", host)
                        .header("x-portkey-request-timeout", "10000")
                        .body(CHAT_BODY)
                        .build()),
                "custom host",
                server);
    }
}
