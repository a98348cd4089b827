package dev.aigateway.core.cache;

import static dev.aigateway.core.cache.CacheTesting.chat;
import static dev.aigateway.core.cache.CacheTesting.config;
import static dev.aigateway.core.testing.OpenAiFakes.CHAT_BODY;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.aigateway.core.event.AttemptInfo;
import dev.aigateway.core.event.CacheLookup;
import dev.aigateway.core.event.CacheStatus;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.event.CallResult;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.testing.TestGateway;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** The listener hears each lookup: a miss before the attempt, a hit with no attempt at all. */
class CacheListenerTest {
    @Test
    void theListenerHearsMissesAndHits() throws Exception {
        EventListener listener = mock(EventListener.class);
        try (MockWebServer server = new MockWebServer();
                TestGateway test = TestGateway.with(builder ->
                        builder.addTargetInterceptor(ResponseCache.create()).addEventListener(listener))) {
            server.start();
            server.enqueue(ok("a"));
            String config = config(server, "k", "{\"mode\":\"simple\"}");

            test.gateway.handle(chat(config, CHAT_BODY));
            test.gateway.handle(chat(config, CHAT_BODY));

            InOrder order = inOrder(listener);
            order.verify(listener)
                    .cacheLookup(
                            any(CallInfo.class), eq(new CacheLookup("config", "openai", "simple", CacheStatus.MISS)));
            order.verify(listener).attemptStart(any(CallInfo.class), any(AttemptInfo.class));
            order.verify(listener).callEnd(any(CallInfo.class), any(CallResult.class));
            order.verify(listener)
                    .cacheLookup(
                            any(CallInfo.class), eq(new CacheLookup("config", "openai", "simple", CacheStatus.HIT)));
            order.verify(listener).callEnd(any(CallInfo.class), any(CallResult.class));
            verify(listener, times(1)).attemptStart(any(CallInfo.class), any(AttemptInfo.class));
            assertEquals(1, server.getRequestCount());
        }
    }
}
