package dev.aigateway.core.hooks;

import static dev.aigateway.core.hooks.HookTesting.chat;
import static dev.aigateway.core.hooks.HookTesting.chatBody;
import static dev.aigateway.core.hooks.HookTesting.json;
import static dev.aigateway.core.hooks.HookTesting.target;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.testing.TestGateway;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code async: true} hooks, which Portkey's gateway never runs, and checks registered by an embedding application. */
class AsyncHooksTest {
    private final MockWebServer server = new MockWebServer();
    private final List<HookReport> reports = new CopyOnWriteArrayList<>();
    private final List<Runnable> background = new CopyOnWriteArrayList<>();
    private final TestGateway test = TestGateway.with(builder -> builder.addEventListener(new EventListener() {
                @Override
                public void hooks(CallInfo call, HookReport report) {
                    reports.add(report);
                }
            })
            .guardrails(Guardrails.builder()
                    .clock(Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC))
                    .background(background::add)
                    .check("acme.shout", (context, parameters) -> {
                        boolean loud = context.requestText()
                                .equals(context.requestText().toUpperCase());
                        return CheckOutcome.of(loud, Json.object().put("explanation", loud ? "loud" : "quiet"));
                    })
                    .build()));

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        test.close();
        server.close();
    }

    @Test
    void asyncHooksRunAfterTheAnswerAndReportToTheListenerOnly() throws Exception {
        server.enqueue(ok("hello"));
        String hooks =
                "'input_guardrails':[{'id':'later','default.contains':{'words':['zzz']},'deny':true,'async':true}],"
                        + "'output_guardrails':[{'id':'after-later','default.notNull':{'not':true},'deny':true,'async':true}]";

        GatewayResponse answer = test.gateway.handle(chat(target(server, hooks), chatBody("hi")));

        assertEquals(200, answer.status(), "an async denial changes nothing");
        assertFalse(json(answer).has("hook_results"));
        assertTrue(reports.isEmpty());
        assertEquals(1, background.size());
        background.get(0).run();
        assertEquals(2, reports.size());
        assertTrue(reports.get(0).async());
        assertEquals(HookEvent.BEFORE_REQUEST, reports.get(0).event());
        assertTrue(reports.get(0).denied());
        assertEquals(HookEvent.AFTER_REQUEST, reports.get(1).event());
        assertFalse(reports.get(1).results().get(0).verdict());
    }

    @Test
    void aRegisteredCheckRunsAndAnUnknownOneIsA400NamingIt() throws Exception {
        server.enqueue(ok("hello"));

        GatewayResponse loud = test.gateway.handle(
                chat(target(server, "'input_guardrails':[{'acme.shout':{},'deny':true}]"), chatBody("HELLO")));
        GatewayResponse unknown =
                test.gateway.handle(chat(target(server, "'input_guardrails':[{'acme.nope':{}}]"), chatBody("HELLO")));

        assertEquals(200, loud.status());
        ObjectNode check = (ObjectNode) json(loud)
                .path("hook_results")
                .path("before_request_hooks")
                .path(0)
                .path("checks")
                .path(0);
        assertEquals("loud", check.path("data").path("explanation").asText());
        assertEquals(400, unknown.status());
        assertEquals(
                "The check 'acme.nope' is not available in this gateway",
                json(unknown).path("message").asText());
        assertEquals(1, server.getRequestCount());
    }
}
