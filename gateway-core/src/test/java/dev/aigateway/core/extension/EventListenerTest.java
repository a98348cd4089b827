package dev.aigateway.core.extension;

import static dev.aigateway.core.testing.OpenAiFakes.STREAM_BODY;
import static dev.aigateway.core.testing.OpenAiFakes.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.event.AttemptInfo;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.event.CallResult;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.event.Usage;
import dev.aigateway.core.testing.TestGateway;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** The listener hears a call's events in order, each start with exactly one end. */
class EventListenerTest {
    private final MockWebServer first = new MockWebServer();
    private final MockWebServer second = new MockWebServer();
    private final EventListener listener = mock(EventListener.class);
    private final TestGateway test = TestGateway.with(builder -> builder.addEventListener(listener));

    @BeforeEach
    void start() throws Exception {
        first.start();
        second.start();
    }

    @AfterEach
    void stop() {
        test.close();
        first.close();
        second.close();
    }

    private static MockResponse streamWithUsage() {
        String chunk = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}\n\n";
        String usage = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9}}\n\n";
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .body(chunk + usage + "data: [DONE]\n\n")
                .build();
    }

    @Test
    void aFallbackWhoseFirstTargetIsRetriedTwiceAndWhoseSecondStreams() throws IOException {
        for (int i = 0; i < 3; i++) {
            first.enqueue(error(500, "down"));
        }
        second.enqueue(streamWithUsage());
        String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + "{\"provider\":\"openai\",\"api_key\":\"k1\",\"custom_host\":\"" + first.url("/v1")
                + "\",\"retry\":{\"attempts\":2,\"on_status_codes\":[500]}},"
                + "{\"provider\":\"openai\",\"api_key\":\"k2\",\"custom_host\":\"" + second.url("/v1") + "\"}]}";

        GatewayResponse response = test.chat(config, STREAM_BODY);
        assertInstanceOf(GatewayResponse.Streaming.class, response).events().writeTo((n, d) -> {});

        String firstUrl = first.url("/v1/chat/completions").toString();
        String secondUrl = second.url("/v1/chat/completions").toString();
        AttemptInfo a0 = new AttemptInfo("config.targets[0]", "openai", "gpt-4o", firstUrl, 0, true);
        AttemptInfo a1 = new AttemptInfo("config.targets[0]", "openai", "gpt-4o", firstUrl, 1, true);
        AttemptInfo a2 = new AttemptInfo("config.targets[0]", "openai", "gpt-4o", firstUrl, 2, true);
        AttemptInfo b0 = new AttemptInfo("config.targets[1]", "openai", "gpt-4o", secondUrl, 0, true);
        ArgumentCaptor<CallInfo> call = ArgumentCaptor.forClass(CallInfo.class);
        ArgumentCaptor<CallResult> result = ArgumentCaptor.forClass(CallResult.class);
        InOrder order = inOrder(listener);
        order.verify(listener).callStart(call.capture());
        CallInfo c = call.getValue();
        order.verify(listener).attemptStart(c, a0);
        order.verify(listener).attemptEnd(c, a0, 500);
        order.verify(listener).retry(c, a0, Duration.ofSeconds(1));
        order.verify(listener).attemptStart(c, a1);
        order.verify(listener).attemptEnd(c, a1, 500);
        order.verify(listener).retry(c, a1, Duration.ofSeconds(2));
        order.verify(listener).attemptStart(c, a2);
        order.verify(listener).attemptEnd(c, a2, 500);
        order.verify(listener).attemptStart(c, b0);
        order.verify(listener).attemptEnd(c, b0, 200);
        order.verify(listener).firstEvent(c, b0);
        order.verify(listener).streamEnd(c, b0, true, Usage.of(7, 2));
        order.verify(listener).callEnd(eq(c), result.capture());
        order.verifyNoMoreInteractions();
        verify(listener, never()).attemptFailed(any(), any(), any());

        assertEquals("/v1/chat/completions", c.path());
        assertFalse(c.traceId().isEmpty());
        CallResult ended = result.getValue();
        assertEquals(200, ended.status());
        assertEquals("config.targets[1]", ended.targetPath().orElseThrow());
        assertEquals("openai", ended.provider().orElseThrow());
        assertEquals(Usage.of(7, 2), ended.usage());
        assertTrue(ended.streamed());
        assertTrue(ended.complete());
    }

    @Test
    void anUnreachableUpstreamIsAFailedAttempt() throws IOException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String config =
                "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"http://127.0.0.1:" + port + "/v1\"}";

        GatewayResponse response = test.chat(config, dev.aigateway.core.testing.OpenAiFakes.CHAT_BODY);

        assertEquals(502, response.status());
        InOrder order = inOrder(listener);
        order.verify(listener).callStart(any());
        order.verify(listener).attemptStart(any(), any());
        order.verify(listener).attemptFailed(any(), any(), any(java.net.ConnectException.class));
        ArgumentCaptor<CallResult> result = ArgumentCaptor.forClass(CallResult.class);
        order.verify(listener).callEnd(any(), result.capture());
        verify(listener, never()).attemptEnd(any(), any(), anyInt());
        assertEquals(502, result.getValue().status());
        assertEquals(
                new Usage(OptionalLong.empty(), OptionalLong.empty()),
                result.getValue().usage());
    }

    @Test
    void aBadRequestIsACallWithoutAttempts() {
        GatewayResponse response = test.chat("{not json", "{}");

        assertEquals(400, response.status());
        InOrder order = inOrder(listener);
        order.verify(listener).callStart(any());
        order.verify(listener).callEnd(any(), any());
        order.verifyNoMoreInteractions();
        verify(listener, never()).streamEnd(any(), any(), anyBoolean(), any());
    }

    @Test
    void aListenerThatThrowsChangesNothing() throws Exception {
        second.enqueue(dev.aigateway.core.testing.OpenAiFakes.ok("fine"));
        EventListener broken = new EventListener() {
            @Override
            public void callStart(CallInfo call) {
                throw new IllegalStateException("broken listener");
            }

            @Override
            public void attemptEnd(CallInfo call, AttemptInfo attempt, int status) {
                throw new IllegalStateException("broken listener");
            }
        };
        try (TestGateway withBroken =
                TestGateway.with(builder -> builder.addEventListener(broken).addEventListener(listener))) {
            GatewayResponse response = withBroken.chat(
                    dev.aigateway.core.testing.OpenAiFakes.target(
                            second.url("/v1").toString(), "k"),
                    dev.aigateway.core.testing.OpenAiFakes.CHAT_BODY);

            assertEquals(200, response.status());
            verify(listener).callStart(any());
            verify(listener).attemptEnd(any(), any(), eq(200));
            verify(listener).callEnd(any(), any());
        }
    }
}
