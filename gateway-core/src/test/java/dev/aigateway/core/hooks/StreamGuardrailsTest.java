package dev.aigateway.core.hooks;

import static dev.aigateway.core.hooks.HookTesting.chat;
import static dev.aigateway.core.hooks.HookTesting.q;
import static dev.aigateway.core.hooks.HookTesting.read;
import static dev.aigateway.core.hooks.HookTesting.streamBody;
import static dev.aigateway.core.hooks.HookTesting.target;
import static dev.aigateway.core.testing.OpenAiFakes.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.hooks.HookTesting.Written;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.testing.TestGateway;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Output guardrails on streams: judged on the assembled answer, a denial ending the stream with an error event. */
class StreamGuardrailsTest {
    private final MockWebServer server = new MockWebServer();
    private final List<HookReport> reports = new CopyOnWriteArrayList<>();
    private final TestGateway test = TestGateway.with(builder -> builder.addEventListener(new EventListener() {
        @Override
        public void hooks(CallInfo call, HookReport report) {
            reports.add(report);
        }
    }));

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

    private static final String SHORT =
            "'output_guardrails':[{'id':'short','default.wordCount':{'maxWords':3},'deny':true}]";

    @Test
    void aDeniedStreamEndsWithAnErrorEventCarryingHookResultsInsteadOfDone() throws Exception {
        server.enqueue(stream("one two ", "three four ", "five"));

        GatewayResponse answer = test.gateway.handle(chat(target(server, SHORT), streamBody("count")));
        List<Written> written = read(answer);

        assertEquals(200, answer.status(), "the status left before the answer was judged");
        assertEquals(5, written.size(), written.toString());
        assertEquals("event", written.get(2).kind());
        Written denial = written.get(3);
        assertEquals("error", denial.kind());
        JsonNode body = Json.parse(denial.data());
        assertEquals("hooks_failed", body.path("error").path("type").asText());
        assertTrue(body.path("error")
                .path("message")
                .asText()
                .startsWith("The guardrail checks defined in the config failed."));
        JsonNode check = body.path("hook_results")
                .path("after_request_hooks")
                .path(0)
                .path("checks")
                .path(0);
        assertEquals(5, check.path("data").path("wordCount").asInt());
        assertEquals(new Written("finish", null, "false"), written.get(4));
        assertTrue(written.stream().noneMatch(w -> w.kind().equals("end")), "no [DONE] after a denial");
        assertTrue(reports.stream().anyMatch(r -> r.event() == HookEvent.AFTER_REQUEST && r.denied()));
    }

    @Test
    void aStreamThatPassesEndsAsUsual() throws Exception {
        server.enqueue(stream("one ", "two"));

        List<Written> written = read(test.gateway.handle(chat(target(server, SHORT), streamBody("count"))));

        assertEquals("end", written.get(written.size() - 2).kind());
        assertEquals("[DONE]", written.get(written.size() - 2).data());
        assertEquals(new Written("finish", null, "true"), written.get(written.size() - 1));
        HookReport after = reports.stream()
                .filter(r -> r.event() == HookEvent.AFTER_REQUEST)
                .findFirst()
                .orElseThrow();
        assertTrue(after.results().get(0).verdict());
    }

    @Test
    void aFailedBeforeRequestHookMakesTheStreamA246() throws Exception {
        server.enqueue(stream("hi"));
        String hooks = "'input_guardrails':[{'default.contains':{'words':['please']}}]";

        GatewayResponse answer = test.gateway.handle(chat(target(server, hooks), streamBody("now")));

        assertEquals(246, answer.status());
        read(answer);
    }

    @Test
    void aDeniedMessagesStreamEndsWithAnthropicsErrorEventInsteadOfMessageStop() throws Exception {
        server.enqueue(stream("one two ", "three four ", "five"));

        GatewayResponse answer = test.gateway.handle(GatewayRequest.builder(Endpoint.MESSAGES)
                .config(target(server, SHORT))
                .body(
                        q(
                                "{'model':'gpt-4o','max_tokens':50,'stream':true,'messages':[{'role':'user','content':'count'}]}"))
                .build());
        List<Written> written = read(answer);

        assertTrue(written.stream().noneMatch(w -> "message_stop".equals(w.name())), written.toString());
        Written denial = written.get(written.size() - 2);
        assertEquals("error", denial.kind());
        assertEquals("error", denial.name());
        JsonNode body = Json.parse(denial.data());
        assertEquals("hooks_failed", body.path("error").path("type").asText());
        assertEquals(
                5,
                body.path("hook_results")
                        .path("after_request_hooks")
                        .path(0)
                        .path("checks")
                        .path(0)
                        .path("data")
                        .path("wordCount")
                        .asInt());
    }
}
