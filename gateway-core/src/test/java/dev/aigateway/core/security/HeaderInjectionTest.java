package dev.aigateway.core.security;

import static dev.aigateway.core.security.InjectionFixture.CHAT_BODY;
import static dev.aigateway.core.security.InjectionFixture.INJECTED;
import static dev.aigateway.core.security.InjectionFixture.assertRefused;
import static dev.aigateway.core.security.InjectionFixture.customHost;
import static dev.aigateway.core.security.InjectionFixture.fallback;
import static dev.aigateway.core.security.InjectionFixture.leaf;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.testing.TestGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every caller value that becomes an upstream header, for every provider: a CR/LF (or any control
 * or non-ASCII character) in it is a 400 naming the field, and nothing is sent. Each case also
 * checks, with a clean value, that the path is live: the same field does reach the upstream header.
 */
class HeaderInjectionTest {
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

    /** provider, config key, the upstream header it becomes, and how a clean value "clean" is sent. */
    static Stream<Arguments> configFields() {
        List<Arguments> cases = new ArrayList<>(List.of(
                Arguments.of("openai", "api_key", "authorization", "Bearer clean"),
                Arguments.of("openai", "apiKey", "authorization", "Bearer clean"),
                Arguments.of("google", "api_key", "x-goog-api-key", "clean"),
                Arguments.of("anthropic", "api_key", "x-api-key", "clean"),
                Arguments.of("azure-openai", "api_key", "api-key", "clean"),
                Arguments.of("azure-openai", "azure_ad_token", "authorization", "Bearer clean"),
                Arguments.of("azure-openai", "openai_beta", "openai-beta", "clean"),
                Arguments.of("anthropic", "anthropic_version", "anthropic-version", "clean"),
                Arguments.of("anthropic", "anthropic_beta", "anthropic-beta", "clean"),
                Arguments.of("openai", "openai_organization", "openai-organization", "clean"),
                Arguments.of("openai", "openai_project", "openai-project", "clean"),
                Arguments.of("openai", "openai_beta", "openai-beta", "clean"),
                Arguments.of("openrouter", "openrouter_x_title", "x-title", "clean"),
                Arguments.of("openrouter", "openrouter_http_referer", "http-referer", "clean")));
        for (String compatible : List.of(
                "groq",
                "mistral-ai",
                "together-ai",
                "fireworks-ai",
                "deepseek",
                "openrouter",
                "perplexity-ai",
                "x-ai",
                "cerebras",
                "openai-compatible")) {
            cases.add(Arguments.of(compatible, "api_key", "authorization", "Bearer clean"));
        }
        // Ollama sends no key, but a key that could never be a header is refused all the same.
        cases.add(Arguments.of("ollama", "api_key", "authorization", null));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("configFields")
    void aConfigFieldWithCrLfIsRefusedByItsPath(String provider, String key, String header, String clean)
            throws Exception {
        GatewayResponse refused = test.chat(fallback(leaf(server, provider).put(key, INJECTED)), CHAT_BODY);

        assertRefused(refused, "targets[0]." + key, server);
        server.enqueue(ok("x"));
        test.chat(fallback(leaf(server, provider).put(key, "clean")), CHAT_BODY).discard();
        RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals(clean, sent.getHeaders().get(header), "a clean value reaches " + header);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"\r\n", "\n", "\r", "\u0000", "\u0007", "\t", "\u007f", "\u0085", "é", "\u2028", "\uD83D\uDE00"})
    void anyControlOrNonAsciiCharacterInAKeyIsRefused(String character) throws Exception {
        GatewayResponse refused =
                test.chat(fallback(leaf(server, "openai").put("api_key", "sk-" + character + "x")), CHAT_BODY);

        assertRefused(refused, "targets[0].api_key", server);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openai", "google", "anthropic", "groq"})
    void aRootLevelKeyIsNamedWithoutAPath(String provider) throws Exception {
        GatewayResponse refused = test.chat(Json.text(leaf(server, provider).put("api_key", INJECTED)), CHAT_BODY);

        assertRefused(refused, "api_key", server);
    }

    /** Header mode: provider, the caller's header, and the upstream header it becomes. */
    static Stream<Arguments> headerModeFields() {
        return Stream.of(
                Arguments.of("openai", "authorization", "Bearer ", "authorization"),
                Arguments.of("google", "authorization", "Bearer ", "x-goog-api-key"),
                Arguments.of("anthropic", "authorization", "Bearer ", "x-api-key"),
                Arguments.of("groq", "authorization", "", "authorization"),
                Arguments.of("openai", "x-portkey-openai-organization", "", "openai-organization"),
                Arguments.of("openai", "x-portkey-openai-project", "", "openai-project"),
                Arguments.of("openai", "x-portkey-openai-beta", "", "openai-beta"),
                Arguments.of("openai", "openai-beta", "", "openai-beta"),
                Arguments.of("azure-openai", "x-portkey-azure-ad-token", "", "authorization"),
                Arguments.of("anthropic", "x-portkey-anthropic-version", "", "anthropic-version"),
                Arguments.of("anthropic", "x-portkey-anthropic-beta", "", "anthropic-beta"),
                Arguments.of("openrouter", "x-portkey-openrouter-x-title", "", "x-title"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("headerModeFields")
    void aHeaderModeFieldWithCrLfIsRefusedByItsHeaderName(
            String provider, String name, String prefix, String upstreamHeader) throws Exception {
        GatewayResponse refused = test.gateway.handle(
                headerMode(provider).header(name, prefix + INJECTED).build());

        assertRefused(refused, name, server);
        server.enqueue(ok("x"));
        test.gateway
                .handle(headerMode(provider).header(name, prefix + "clean").build())
                .discard();
        RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals(
                upstreamHeader.equals("authorization") ? "Bearer clean" : "clean",
                sent.getHeaders().get(upstreamHeader));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Bearer sk-é", "Bearer sk-\u0000", "sk-\u2028x"})
    void aHeaderModeKeyWithNonAsciiOrControlCharactersIsRefused(String authorization) throws Exception {
        GatewayResponse refused = test.gateway.handle(
                headerMode("openai").header("authorization", authorization).build());

        assertRefused(refused, "authorization", server);
    }

    /**
     * Anthropic also reads its key, version and beta from the caller's own headers and from the
     * body when the config does not set them.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "x-api-key",
                "anthropic-version",
                "anthropic-beta",
                "x-portkey-anthropic-version",
                "x-portkey-anthropic-beta"
            })
    void anthropicHeadersReadFromTheCallerAreChecked(String name) throws Exception {
        String config = fallback(leaf(server, "anthropic"));
        GatewayResponse refused = test.gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .config(config)
                .header(name, INJECTED)
                .body(CHAT_BODY)
                .build());

        assertRefused(refused, name, server);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"anthropic_version", "anthropic_beta"})
    void anthropicSettingsReadFromTheBodyAreChecked(String field) throws Exception {
        String body = Json.text(((ObjectNode) Json.parse(CHAT_BODY)).put(field, INJECTED));
        GatewayResponse refused = test.chat(fallback(leaf(server, "anthropic").put("api_key", "k")), body);

        assertRefused(refused, field, server);
    }

    private GatewayRequest.Builder headerMode(String provider) {
        GatewayRequest.Builder request = GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .header("x-portkey-provider", provider)
                .header("x-portkey-custom-host", customHost(server, provider))
                .header("x-portkey-request-timeout", Long.toString(InjectionFixture.TIMEOUT_MILLIS))
                .body(CHAT_BODY);
        if (provider.equals("azure-openai")) {
            request.header("x-portkey-azure-resource-name", "my-resource")
                    .header("x-portkey-azure-deployment-id", "gpt-4o-prod")
                    .header("x-portkey-azure-api-version", "2024-10-21");
        }
        return request;
    }
}
