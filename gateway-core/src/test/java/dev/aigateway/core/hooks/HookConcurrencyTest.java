package dev.aigateway.core.hooks;

import static dev.aigateway.core.hooks.HookTesting.chat;
import static dev.aigateway.core.hooks.HookTesting.chatBody;
import static dev.aigateway.core.hooks.HookTesting.json;
import static dev.aigateway.core.hooks.HookTesting.target;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.testing.TestGateway;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What runs at once and what in order, shown without timing: {@code acme.meet} passes only when
 * another check reaches the same barrier while it waits (so only when they run at the same time),
 * and {@code acme.trace} records when each check starts and ends.
 */
class HookConcurrencyTest {
    private final MockWebServer server = new MockWebServer();
    private final List<String> trace = new CopyOnWriteArrayList<>();
    private final CyclicBarrier barrier = new CyclicBarrier(2);
    private final TestGateway test = TestGateway.with(builder -> builder.guardrails(Guardrails.builder()
            .check("acme.meet", (context, parameters) -> {
                // Throws, failing the check, when no other check comes while it waits.
                barrier.await(parameters.path("waitMillis").asLong(10_000), TimeUnit.MILLISECONDS);
                return CheckOutcome.of(true, Json.object().put("explanation", "met"));
            })
            .check("acme.trace", (context, parameters) -> {
                String name = parameters.path("name").asText();
                trace.add("start " + name);
                trace.add("end " + name);
                return CheckOutcome.of(true, Json.object().put("explanation", name));
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

    private static final String TWO_MEETINGS = "'checks':[{'id':'acme.meet','parameters':{'failOnError':true}},"
            + "{'id':'acme.meet','parameters':{'failOnError':true}}]";

    @Test
    void aGuardrailsChecksRunAtOnce() throws Exception {
        server.enqueue(ok("hi"));

        GatewayResponse answer = test.gateway.handle(chat(
                target(
                        server,
                        "'before_request_hooks':[{'id':'g','type':'guardrail','deny':true," + TWO_MEETINGS + "}]"),
                chatBody("x")));

        assertEquals(200, answer.status(), "both checks met at the barrier");
    }

    @Test
    void theHooksOfOneEventRunAtOnce() throws Exception {
        server.enqueue(ok("hi"));
        String meet = "'type':'guardrail','deny':true,'checks':[{'id':'acme.meet','parameters':{'failOnError':true}}]";

        GatewayResponse answer = test.gateway.handle(chat(
                target(server, "'before_request_hooks':[{'id':'a'," + meet + "},{'id':'b'," + meet + "}]"),
                chatBody("x")));

        assertEquals(200, answer.status(), "the two hooks met at the barrier");
    }

    @Test
    void sequentialGuardrailsAndMutatorsRunTheirChecksInOrder() throws Exception {
        server.enqueue(ok("hi"));
        server.enqueue(ok("hi"));
        String checks = "'checks':[{'id':'acme.trace','parameters':{'name':'1'}},"
                + "{'id':'acme.trace','parameters':{'name':'2'}},{'id':'acme.trace','parameters':{'name':'3'}}]";
        List<String> inOrder = List.of("start 1", "end 1", "start 2", "end 2", "start 3", "end 3");

        test.gateway.handle(chat(
                target(
                        server,
                        "'before_request_hooks':[{'id':'g','type':'guardrail','sequential':true," + checks + "}]"),
                chatBody("x")));
        List<String> sequential = List.copyOf(trace);
        trace.clear();
        GatewayResponse mutated = test.gateway.handle(chat(
                target(server, "'before_request_hooks':[{'id':'m','type':'mutator'," + checks + "}]"), chatBody("x")));

        assertEquals(inOrder, sequential);
        assertEquals(inOrder, trace);
        JsonNode results = json(mutated)
                .path("hook_results")
                .path("before_request_hooks")
                .path(0)
                .path("checks");
        assertEquals("2", results.path(1).path("data").path("explanation").asText(), "results keep the config's order");
    }

    @Test
    void aSequentialGuardrailsChecksNeverMeet() throws Exception {
        server.enqueue(ok("reached only if the checks passed"));
        String hooks = "'before_request_hooks':[{'id':'g','type':'guardrail','deny':true,'sequential':true,"
                + "'checks':[{'id':'acme.meet','parameters':{'failOnError':true,'waitMillis':100}},"
                + "{'id':'acme.meet','parameters':{'failOnError':true,'waitMillis':100}}]}]";

        GatewayResponse answer = test.gateway.handle(chat(target(server, hooks), chatBody("x")));

        assertEquals(446, answer.status(), "each check waited alone and erred");
        JsonNode checks = json(answer)
                .path("hook_results")
                .path("before_request_hooks")
                .path(0)
                .path("checks");
        assertEquals(2, checks.size());
        assertTrue(checks.path(0).has("error") && checks.path(1).has("error"));
        assertEquals(0, server.getRequestCount());
    }
}
