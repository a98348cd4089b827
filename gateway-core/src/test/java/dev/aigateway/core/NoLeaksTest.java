package dev.aigateway.core;

import static dev.aigateway.core.testing.OpenAiFakes.CHAT_BODY;
import static dev.aigateway.core.testing.OpenAiFakes.STREAM_BODY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderApi;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.Providers;
import dev.aigateway.core.provider.StreamTransform;
import dev.aigateway.core.provider.openai.OpenAiProvider;
import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.SseEvent;
import dev.aigateway.core.testing.OpenAiFakes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A bug inside the gateway shows up as a plain failure: no stack trace, class name or key. */
class NoLeaksTest {
    private static final String KEY = "sk-secret-key-123456";

    private final MockWebServer server = new MockWebServer();
    private final java.util.List<Gateway> gateways = new java.util.ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        gateways.forEach(Gateway::close);
        server.close();
    }

    private GatewayResponse chat(Provider provider, String body) {
        Gateway gateway = Gateway.builder()
                .providers(Providers.defaults().with(provider))
                .sleeper(d -> {})
                .build();
        gateways.add(gateway);
        return gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .config("{\"provider\":\"openai\",\"api_key\":\"" + KEY + "\",\"custom_host\":\"" + server.url("/v1")
                        + "\"}")
                .body(body)
                .build());
    }

    private static void assertNothingLeaks(String answer) {
        for (String secret : new String[] {KEY, "Exception", "dev.aigateway", "\tat ", ".java:"}) {
            assertFalse(answer.contains(secret), () -> "'" + secret + "' in " + answer);
        }
    }

    @Test
    void aFailingRequestTransformIsAPlain500() {
        GatewayResponse response = chat(new BrokenOpenAi(true), CHAT_BODY);

        assertEquals(500, response.status());
        assertEquals(
                "{\"status\":\"failure\",\"message\":\"Something went wrong\"}",
                new String(((GatewayResponse.Complete) response).body(), StandardCharsets.UTF_8));
        assertNothingLeaks(response.headers().toString());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aStreamTransformFailingBeforeTheFirstEventIsAPlain502() throws Exception {
        server.enqueue(OpenAiFakes.stream("Hel", "lo"));

        GatewayResponse response = chat(new BrokenOpenAi(false), STREAM_BODY);

        assertEquals(502, response.status());
        String body = new String(((GatewayResponse.Complete) response).body(), StandardCharsets.UTF_8);
        assertEquals(
                "{\"error\":{\"message\":\"The openai stream was interrupted before the answer was complete\","
                        + "\"type\":\"stream_error\",\"param\":null,\"code\":null},\"provider\":\"openai\"}",
                body);
        assertNothingLeaks(body);
    }

    /** OpenAI, with a transform that fails the way a bug would, quoting the key. */
    private static final class BrokenOpenAi implements Provider {
        private final OpenAiProvider openAi = new OpenAiProvider();
        private final boolean failRequest;

        BrokenOpenAi(boolean failRequest) {
            this.failRequest = failRequest;
        }

        @Override
        public String id() {
            return OpenAiProvider.ID;
        }

        @Override
        public ProviderApi api() {
            return openAi.api();
        }

        @Override
        public Map<Endpoint, EndpointTransform> endpoints() {
            return Map.of(
                    Endpoint.CHAT_COMPLETE,
                    broken(openAi.transform(Endpoint.CHAT_COMPLETE).orElseThrow()));
        }

        private EndpointTransform broken(EndpointTransform real) {
            return new EndpointTransform() {
                @Override
                public JsonNode request(ProviderRequest request) {
                    if (failRequest) {
                        throw new IllegalStateException("bug while sending with " + KEY);
                    }
                    return real.request(request);
                }

                @Override
                public JsonNode response(JsonNode providerBody, ProviderRequest request) {
                    return real.response(providerBody, request);
                }

                @Override
                public ObjectNode error(int status, byte[] body, ProviderRequest request) {
                    return real.error(status, body, request);
                }

                @Override
                public StreamTransform stream(ProviderRequest request) {
                    return new StreamTransform() {
                        @Override
                        public void onEvent(SseEvent event, ChunkSink out) {
                            throw new IllegalStateException("bug while streaming with " + KEY);
                        }

                        @Override
                        public void onEnd(ChunkSink out) {}
                    };
                }
            };
        }
    }
}
