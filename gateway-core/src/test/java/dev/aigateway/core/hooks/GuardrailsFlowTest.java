package dev.aigateway.core.hooks;

import static dev.aigateway.core.hooks.HookTesting.body;
import static dev.aigateway.core.hooks.HookTesting.chat;
import static dev.aigateway.core.hooks.HookTesting.chatBody;
import static dev.aigateway.core.hooks.HookTesting.json;
import static dev.aigateway.core.hooks.HookTesting.q;
import static dev.aigateway.core.hooks.HookTesting.target;
import static dev.aigateway.core.testing.OpenAiFakes.error;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.testing.TestGateway;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hooks around a target's call: the answers (446, 246, hook_results), mutators, fallback and retry. */
class GuardrailsFlowTest {
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

    private static String golden(String name) throws Exception {
        try (InputStream in = GuardrailsFlowTest.class.getResourceAsStream("/hooks/" + name)) {
            return Json.text(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    private static final String NO_APPLE = "'before_request_hooks':[{'id':'no-apple','type':'guardrail','deny':true,"
            + "'checks':[{'id':'default.contains','parameters':{'operator':'none','words':['Apple']}}]}]";

    @Test
    void aBeforeRequestDenialAnswers446WithPortkeysBodyAndCallsNoUpstream() throws Exception {
        GatewayResponse answer = test.gateway.handle(chat(target(server, NO_APPLE), chatBody("I like Apple pie")));

        assertEquals(446, answer.status());
        assertEquals(golden("before-deny.json"), TestGateway.text(answer));
        assertEquals(0, server.getRequestCount());
        assertEquals("config", answer.headers().value("x-portkey-last-used-option-index"));
        assertEquals("application/json", answer.headers().value("content-type"));
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).denied());
        assertEquals(HookEvent.BEFORE_REQUEST, reports.get(0).event());
    }

    @Test
    void anAfterRequestDenialAnswers446AndDiscardsTheModelsOutput() throws Exception {
        server.enqueue(ok("one two three four five")
                .newBuilder()
                .addHeader("x-upstream-marker", "seen")
                .build());
        String hooks = "'after_request_hooks':[{'id':'short-answers','type':'guardrail','deny':true,"
                + "'on_fail':{'feedback':{'value':-1,'weight':1,'metadata':{'team':'search'}}},"
                + "'on_success':{'feedback':{'value':1,'weight':1}},"
                + "'checks':[{'id':'default.wordCount','parameters':{'maxWords':3}}]}]";

        GatewayResponse answer = test.gateway.handle(chat(target(server, hooks), chatBody("Count")));

        assertEquals(446, answer.status());
        assertEquals(golden("after-deny.json"), TestGateway.text(answer));
        assertFalse(TestGateway.text(answer).contains("\"choices\""));
        assertEquals(1, server.getRequestCount());
        assertEquals("application/json", answer.headers().value("content-type"));
        assertFalse(answer.headers().contains("x-upstream-marker"), "the upstream's headers go with its output");
        assertEquals("config", answer.headers().value("x-portkey-last-used-option-index"));
        assertEquals("0", answer.headers().value("x-portkey-retry-attempt-count"));
    }

    @Test
    void aFailureWithoutDenyIsA246WithTheAnswerAndHookResults() throws Exception {
        server.enqueue(
                ok("hello").newBuilder().addHeader("x-upstream-marker", "seen").build());
        String hooks = "'before_request_hooks':[{'id':'polite','type':'guardrail',"
                + "'checks':[{'id':'default.regexMatch','parameters':{'rule':'please'}}]}]";

        GatewayResponse answer = test.gateway.handle(chat(target(server, hooks), chatBody("Give me the answer")));

        assertEquals(246, answer.status());
        assertEquals(golden("not-denied.json"), TestGateway.text(answer));
        assertEquals(1, server.getRequestCount());
        assertEquals("seen", answer.headers().value("x-upstream-marker"), "a 246 keeps the upstream's headers");
    }

    @Test
    void hooksThatPassAddHookResultsToA200() throws Exception {
        server.enqueue(ok("hello"));
        String hooks = "'input_guardrails':[{'default.contains':{'operator':'any','words':['answer']}}],"
                + "'output_guardrails':[{'default.notNull':{}}]";

        GatewayResponse answer = test.gateway.handle(chat(target(server, hooks), chatBody("Give me the answer")));

        assertEquals(200, answer.status());
        JsonNode results = json(answer).path("hook_results");
        assertTrue(results.path("before_request_hooks").path(0).path("verdict").asBoolean());
        assertTrue(
                results.path("before_request_hooks").path(0).path("id").asText().startsWith("input_guardrail_"));
        assertEquals(
                "default.notNull",
                results.path("after_request_hooks")
                        .path(0)
                        .path("checks")
                        .path(0)
                        .path("id")
                        .asText());
        assertEquals(
                "hello",
                json(answer)
                        .path("choices")
                        .path(0)
                        .path("message")
                        .path("content")
                        .asText());
    }

    @Test
    void a446FallsBackToTheNextTarget() throws Exception {
        server.enqueue(ok("fine"));
        String config = q("{'strategy':{'mode':'fallback'},'targets':[" + target(server, NO_APPLE) + ","
                + target(server, "") + "]}");

        GatewayResponse answer = test.gateway.handle(chat(config, chatBody("Apple")));

        assertEquals(200, answer.status());
        assertEquals("config.targets[1]", answer.headers().value("x-portkey-last-used-option-index"));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void a446IsRetriedAtOnceWhenOnStatusCodesListsIt() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(ok("far too many words here"));
        }
        String hooks = "'retry':{'attempts':2,'on_status_codes':[446]},"
                + "'output_guardrails':[{'default.wordCount':{'maxWords':2},'deny':true}]";

        GatewayResponse answer = test.gateway.handle(chat(target(server, hooks), chatBody("x")));

        assertEquals(446, answer.status());
        assertEquals(3, server.getRequestCount());
        assertEquals(List.of(), test.sleeper.delays(), "hook-driven retries do not back off");
        assertEquals("-1", answer.headers().value("x-portkey-retry-attempt-count"));
    }

    @Test
    void a446IsNotRetriedByDefault() throws Exception {
        server.enqueue(ok("far too many words here"));
        String hooks = "'retry':{'attempts':2},'output_guardrails':[{'default.wordCount':{'maxWords':2},'deny':true}]";

        GatewayResponse answer = test.gateway.handle(chat(target(server, hooks), chatBody("x")));

        assertEquals(446, answer.status());
        assertEquals(1, server.getRequestCount());
        assertEquals("0", answer.headers().value("x-portkey-retry-attempt-count"));
    }

    @Test
    void upstreamRetriesAndHookRetriesShareTheAttempts() throws Exception {
        server.enqueue(error(500, "boom"));
        server.enqueue(ok("far too many words here"));
        server.enqueue(ok("ok"));
        String hooks = "'retry':{'attempts':2,'on_status_codes':[500,446]},"
                + "'output_guardrails':[{'default.wordCount':{'maxWords':2},'deny':true}]";

        GatewayResponse answer = test.gateway.handle(chat(target(server, hooks), chatBody("x")));

        assertEquals(200, answer.status());
        assertEquals(3, server.getRequestCount());
        assertEquals("2", answer.headers().value("x-portkey-retry-attempt-count"));
        assertEquals(1, test.sleeper.delays().size(), "only the upstream's 500 backs off");
    }

    @Test
    void anInputMutatorsRewriteReachesTheProvider() throws Exception {
        server.enqueue(ok("hello"));
        String hooks = "'input_mutators':[{'default.regexReplace':{'rule':'\\\\d{4}-\\\\d{4}','redactText':'[CARD]'}}]";

        GatewayResponse answer = test.gateway.handle(chat(target(server, hooks), chatBody("my card is 1234-5678 ok")));

        assertEquals(200, answer.status());
        assertEquals(
                "my card is [CARD] ok",
                body(server.takeRequest())
                        .path("messages")
                        .path(0)
                        .path("content")
                        .asText());
        JsonNode hook =
                json(answer).path("hook_results").path("before_request_hooks").path(0);
        assertEquals("mutator", hook.path("type").asText());
        assertTrue(hook.path("transformed").asBoolean());
    }

    @Test
    void anOutputMutatorsRewriteReachesTheCaller() throws Exception {
        server.enqueue(ok("call me at 555-1234"));
        String hooks = "'output_mutators':[{'default.regexReplace':{'rule':'\\\\d{3}-\\\\d{4}'}}]";

        GatewayResponse answer = test.gateway.handle(chat(target(server, hooks), chatBody("number?")));

        assertEquals(200, answer.status());
        assertEquals(
                "call me at [REDACTED]",
                json(answer)
                        .path("choices")
                        .path(0)
                        .path("message")
                        .path("content")
                        .asText());
    }

    @Test
    void sequentialChecksSeeTheRewritesBeforeThem() throws Exception {
        server.enqueue(ok("a"));
        server.enqueue(ok("b"));
        String checks = "'checks':[{'id':'default.regexReplace','parameters':{'rule':'secret'}},"
                + "{'id':'default.contains','parameters':{'operator':'none','words':['secret']}}]";

        GatewayResponse inOrder = test.gateway.handle(chat(
                target(
                        server,
                        "'before_request_hooks':[{'id':'h','type':'guardrail','sequential':true," + checks + "}]"),
                chatBody("the secret")));
        GatewayResponse atOnce = test.gateway.handle(chat(
                target(server, "'before_request_hooks':[{'id':'h','type':'guardrail'," + checks + "}]"),
                chatBody("the secret")));

        assertEquals(200, inOrder.status());
        assertEquals(246, atOnce.status(), "at once, contains saw the text before the rewrite");
        assertEquals(
                "the [REDACTED]",
                body(server.takeRequest())
                        .path("messages")
                        .path(0)
                        .path("content")
                        .asText());
    }

    @Test
    void disabledChecksAreSkippedAndErrorsFailOnlyWithFailOnError() throws Exception {
        server.enqueue(ok("a"));
        server.enqueue(ok("b"));
        String lenient =
                "'input_guardrails':[{'default.regexMatch':{},'default.contains':{'words':['zzz'],'is_enabled':false},'deny':true}]";
        String strict = "'input_guardrails':[{'default.regexMatch':{'failOnError':true},'deny':true}]";

        GatewayResponse passes = test.gateway.handle(chat(target(server, lenient), chatBody("hi")));
        GatewayResponse denied = test.gateway.handle(chat(target(server, strict), chatBody("hi")));

        assertEquals(200, passes.status());
        JsonNode checks = json(passes)
                .path("hook_results")
                .path("before_request_hooks")
                .path(0)
                .path("checks");
        assertEquals(1, checks.size(), "the disabled check did not run");
        assertEquals(
                "Missing regex pattern",
                checks.path(0).path("error").path("message").asText());
        assertEquals(446, denied.status());
        assertTrue(json(denied)
                .path("hook_results")
                .path("before_request_hooks")
                .path(0)
                .path("checks")
                .path(0)
                .path("fail_on_error")
                .asBoolean());
    }

    @Test
    void hooksAreInheritedAndANodesOwnListReplacesThem() throws Exception {
        server.enqueue(ok("fine"));
        String config = q(
                "{'strategy':{'mode':'fallback'},'input_guardrails':[{'default.contains':{'operator':'none','words':['Apple']},'deny':true}],"
                        + "'targets':[" + target(server, "") + "," + target(server, "'input_guardrails':[]") + "]}");

        GatewayResponse answer = test.gateway.handle(chat(config, chatBody("Apple")));

        assertEquals(200, answer.status());
        assertEquals("config.targets[1]", answer.headers().value("x-portkey-last-used-option-index"));
        assertEquals(1, server.getRequestCount());
        assertFalse(json(answer).has("hook_results"), "the second target runs no hooks");
    }

    @Test
    void theDefaultGuardrailHeadersRunAfterTheConfigsHooks() throws Exception {
        server.enqueue(ok("hello"));
        GatewayRequest request = GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .config(target(server, "'input_guardrails':[{'id':'mine','default.notNull':{}}]"))
                .header("x-portkey-default-input-guardrails", q("[{'id':'org','default.contains':{'words':['hi']}}]"))
                .body(chatBody("say hi"))
                .build();

        GatewayResponse answer = test.gateway.handle(request);

        JsonNode before = json(answer).path("hook_results").path("before_request_hooks");
        assertEquals(200, answer.status());
        assertEquals("mine", before.path(0).path("id").asText());
        assertEquals("org", before.path(1).path("id").asText());
    }

    @Test
    void embeddingsRunOnlyBeforeRequestGuardrails() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body(
                        q(
                                "{'object':'list','data':[{'object':'embedding','index':0,'embedding':[0.1]}],'model':'m','usage':{'prompt_tokens':1,'total_tokens':1}}"))
                .build());
        String hooks =
                "'input_guardrails':[{'default.contains':{'words':['cat']}}],'output_guardrails':[{'default.notNull':{},'deny':true}]";

        GatewayResponse answer = test.gateway.handle(GatewayRequest.builder(Endpoint.EMBED)
                .config(target(server, hooks))
                .body(q("{'model':'m','input':'a cat'}"))
                .build());

        assertEquals(200, answer.status());
        assertEquals(
                1,
                json(answer).path("hook_results").path("before_request_hooks").size());
        assertEquals(
                0, json(answer).path("hook_results").path("after_request_hooks").size());
        HookReport after = reports.stream()
                .filter(r -> r.event() == HookEvent.AFTER_REQUEST)
                .findFirst()
                .orElseThrow();
        assertTrue(after.results().get(0).skipped());
        assertEquals(q("{'id':"), after.results().get(0).toJson().toString().substring(0, 6));
    }

    @Test
    void routesWithoutHooksSkipThemAndLeaveTheAnswerAlone() throws Exception {
        String answerBody = q("{'id':'resp_1','object':'response','status':'completed','output':[]}");
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body(answerBody)
                .build());

        GatewayResponse answer = test.gateway.handle(GatewayRequest.builder(Endpoint.RESPONSES)
                .config(target(server, NO_APPLE))
                .body(q("{'model':'gpt-4o','input':'Apple'}"))
                .build());

        assertEquals(200, answer.status());
        assertEquals(answerBody, TestGateway.text(answer));
        assertTrue(reports.get(0).results().get(0).skipped());
        assertEquals(
                q("{'id':'no-apple','type':'guardrail','skipped':true}"),
                reports.get(0).results().get(0).toJson().toString());
    }

    @Test
    void anErrorAnswerGetsTheHookResultsToo() throws Exception {
        server.enqueue(error(400, "bad"));
        String hooks =
                "'input_guardrails':[{'default.notNull':{}}],'output_guardrails':[{'default.notNull':{},'deny':true}]";

        GatewayResponse answer = test.gateway.handle(chat(target(server, hooks), chatBody("x")));

        assertEquals(400, answer.status());
        assertEquals(
                "openai error: bad", json(answer).path("error").path("message").asText());
        assertEquals(
                1,
                json(answer).path("hook_results").path("before_request_hooks").size());
        assertEquals(
                0, json(answer).path("hook_results").path("after_request_hooks").size(), "after hooks skip non-200s");
    }
}
