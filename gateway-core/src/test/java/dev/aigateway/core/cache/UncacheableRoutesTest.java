package dev.aigateway.core.cache;

import static dev.aigateway.core.cache.CacheTesting.config;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.testing.TestGateway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.EnumSet;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Byte answers and routes without a JSON body are never cached, even when a cache is built for
 * them: bytes are streamed through and never held, and a key needs a JSON body.
 */
class UncacheableRoutesTest {
    private static final String SIMPLE = "{\"mode\":\"simple\"}";

    private final MockWebServer server = new MockWebServer();
    private final TestGateway test = TestGateway.with(builder -> builder.addTargetInterceptor(ResponseCache.builder()
            .endpoints(EnumSet.of(Endpoint.CHAT_COMPLETE, Endpoint.CREATE_SPEECH, Endpoint.LIST_MODELS, Endpoint.PROXY))
            .build()));

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        test.close();
        server.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    @Test
    void onlyJsonRoutesWithoutByteAnswersCanBeCached() {
        assertTrue(ResponseCache.cacheable(Endpoint.CHAT_COMPLETE));
        assertTrue(ResponseCache.cacheable(Endpoint.RESPONSES));
        assertTrue(ResponseCache.cacheable(Endpoint.MESSAGES));
        assertFalse(ResponseCache.cacheable(Endpoint.CREATE_SPEECH), "bytes");
        assertFalse(ResponseCache.cacheable(Endpoint.RETRIEVE_FILE_CONTENT), "bytes");
        assertFalse(ResponseCache.cacheable(Endpoint.PROXY), "bytes, any body");
        assertFalse(ResponseCache.cacheable(Endpoint.LIST_MODELS), "no body");
        assertFalse(ResponseCache.cacheable(Endpoint.CREATE_TRANSCRIPTION), "a multipart form");
    }

    @Test
    void speechIsSentUpstreamEveryTimeAndItsBytesPassThrough() throws IOException {
        byte[] audio = {1, 2, 3, 4, 5};
        for (int i = 0; i < 2; i++) {
            server.enqueue(new MockResponse.Builder()
                    .code(200)
                    .addHeader("content-type", "audio/mpeg")
                    .body(new Buffer().write(audio))
                    .build());
        }
        String config = config(server, "k1", SIMPLE);

        for (int i = 0; i < 2; i++) {
            GatewayResponse answer = test.gateway.handle(GatewayRequest.builder(Endpoint.CREATE_SPEECH)
                    .config(config)
                    .body("{\"model\":\"tts-1\",\"input\":\"Hi\",\"voice\":\"alloy\"}")
                    .build());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertInstanceOf(GatewayResponse.Binary.class, answer).body().writeTo(out);

            assertArrayEquals(audio, out.toByteArray());
            assertEquals("DISABLED", answer.headers().value("x-portkey-cache-status"), "the cache did not look");
        }
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aModelListIsAskedForEveryTime() {
        for (int i = 0; i < 2; i++) {
            server.enqueue(new MockResponse.Builder()
                    .code(200)
                    .addHeader("content-type", "application/json")
                    .body("{\"object\":\"list\",\"data\":[]}")
                    .build());
        }
        String config = config(server, "k1", SIMPLE);

        for (int i = 0; i < 2; i++) {
            GatewayResponse answer = test.gateway.handle(
                    GatewayRequest.builder(Endpoint.LIST_MODELS).config(config).build());

            assertEquals("{\"object\":\"list\",\"data\":[]}", TestGateway.text(answer));
            assertEquals("DISABLED", answer.headers().value("x-portkey-cache-status"));
        }
        assertEquals(2, server.getRequestCount());
    }
}
