package dev.aigateway.core.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.testing.TestGateway;
import dev.aigateway.core.upstream.StreamIdleException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A byte answer (speech, a file's content, the proxy) is no event stream: it is handed over with
 * its headers, never read ahead for a first event. The request timeout ends there; from then on
 * the idle timeout bounds each wait for more bytes.
 */
class ByteAnswerTimeoutsTest {
    private final MockWebServer upstream = new MockWebServer();
    private final TestGateway test = new TestGateway();

    @BeforeEach
    void start() throws Exception {
        upstream.start();
    }

    @AfterEach
    void stop() {
        test.close();
        upstream.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    private GatewayResponse.Binary speech(String timeouts) {
        GatewayResponse answer = test.gateway.handle(GatewayRequest.builder(Endpoint.CREATE_SPEECH)
                .config("{\"provider\":\"openai\",\"api_key\":\"key\",\"custom_host\":\"" + upstream.url("/v1") + "\""
                        + timeouts + "}")
                .body("{\"model\":\"tts-1\",\"input\":\"Hi\",\"voice\":\"alloy\"}")
                .build());
        return assertInstanceOf(GatewayResponse.Binary.class, answer, "status " + answer.status());
    }

    private static byte[] audio(int size) {
        byte[] audio = new byte[size];
        new java.util.Random(3).nextBytes(audio);
        return audio;
    }

    @Test
    void bytesLaterThanTheRequestTimeoutStillArriveWithinTheIdleTimeout() throws Exception {
        byte[] audio = audio(4_000);
        // Not one event in it: a read-ahead would wait for one past the request timeout and answer 408.
        upstream.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "audio/mpeg")
                .body(new Buffer().write(audio))
                .bodyDelay(600, TimeUnit.MILLISECONDS)
                .build());

        GatewayResponse.Binary speech = speech(",\"request_timeout\":200,\"stream_idle_timeout\":5000");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        speech.body().writeTo(out);

        assertEquals(200, speech.status());
        assertEquals("audio/mpeg", speech.headers().value("content-type"));
        assertArrayEquals(audio, out.toByteArray());
    }

    @Test
    void aByteAnswerThatPausesLongerThanTheIdleTimeoutIsCut() {
        byte[] audio = audio(2_000);
        upstream.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "audio/mpeg")
                .body(new Buffer().write(audio))
                .throttleBody(1_000, 10, TimeUnit.SECONDS)
                .build());

        GatewayResponse.Binary speech = speech(",\"request_timeout\":5000,\"stream_idle_timeout\":300");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long start = System.nanoTime();
        StreamIdleException cut =
                assertThrows(StreamIdleException.class, () -> speech.body().writeTo(out));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(300, cut.idleMillis());
        assertArrayEquals(Arrays.copyOf(audio, 1_000), out.toByteArray(), "the bytes before the pause went out");
        assertTrue(took < 3000, "cut after " + took + " ms");
    }
}
