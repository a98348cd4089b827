package dev.aigateway.core.hooks;

import static dev.aigateway.core.hooks.HookTesting.body;
import static dev.aigateway.core.hooks.HookTesting.q;
import static dev.aigateway.core.hooks.HookTesting.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.hooks.HookTesting.Written;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.testing.TestGateway;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hooks on the other hooked routes: {@code /v1/messages} relayed to Anthropic as the caller wrote
 * it (a mutator's rewrite must still reach Anthropic, and an output guardrail must still judge its
 * stream), and text completions.
 */
class MessagesAndCompletionsHooksTest {
    private final MockWebServer server = new MockWebServer();
    private final TestGateway test = TestGateway.with(builder -> {});

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

    private String anthropic(String hooks) {
        return q("{'provider':'anthropic','api_key':'k','custom_host':'" + server.url("/v1") + "'," + hooks + "}");
    }

    private static GatewayRequest messages(String config, boolean stream, String text) {
        return GatewayRequest.builder(Endpoint.MESSAGES)
                .config(config)
                .body(q("{'model':'claude-x','max_tokens':50," + (stream ? "'stream':true," : "")
                        + "'messages':[{'role':'user','content':'" + text + "'}]}"))
                .build();
    }

    @Test
    void relayedMessagesGetTheInputMutatorsRewriteAndTheCallerTheOutputMutators() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body(q("{'id':'msg_1','type':'message','role':'assistant','model':'claude-x',"
                        + "'content':[{'type':'text','text':'call 555-1234'}],'stop_reason':'end_turn',"
                        + "'usage':{'input_tokens':3,'output_tokens':2}}"))
                .build());
        String hooks = "'input_mutators':[{'default.regexReplace':{'rule':'\\\\d{4}-\\\\d{4}','redactText':'[CARD]'}}],"
                + "'output_mutators':[{'default.regexReplace':{'rule':'\\\\d{3}-\\\\d{4}'}}]";

        GatewayResponse answer = test.gateway.handle(messages(anthropic(hooks), false, "card 1234-5678"));

        assertEquals(200, answer.status(), TestGateway.text(answer));
        JsonNode sent = body(server.takeRequest());
        assertEquals(
                "card [CARD]", sent.path("messages").path(0).path("content").asText());
        JsonNode out = TestGateway.json(answer);
        assertEquals("call [REDACTED]", out.path("content").path(0).path("text").asText());
        assertEquals("message", out.path("type").asText(), "the answer keeps its Messages shape");
        assertTrue(out.path("hook_results")
                .path("after_request_hooks")
                .path(0)
                .path("transformed")
                .asBoolean());
    }

    @Test
    void aRelayedMessagesStreamDeniedAtItsEndHasNoMessageStop() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .body(anthropicStream("one two ", "three four"))
                .build());
        String hooks = "'output_guardrails':[{'default.wordCount':{'maxWords':3},'deny':true}]";

        List<Written> written = read(test.gateway.handle(messages(anthropic(hooks), true, "count")));

        assertTrue(written.stream().noneMatch(w -> "message_stop".equals(w.name())), written.toString());
        Written denial = written.get(written.size() - 2);
        assertEquals("error", denial.kind(), written.toString());
        JsonNode error = Json.parse(denial.data());
        assertEquals("error", error.path("type").asText());
        assertEquals("hooks_failed", error.path("error").path("type").asText());
        assertEquals(
                4,
                error.path("hook_results")
                        .path("after_request_hooks")
                        .path(0)
                        .path("checks")
                        .path(0)
                        .path("data")
                        .path("wordCount")
                        .asInt());
    }

    @Test
    void aRelayedMessagesStreamThatPassesEndsWithMessageStop() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .body(anthropicStream("one ", "two"))
                .build());
        String hooks = "'output_guardrails':[{'default.wordCount':{'maxWords':3},'deny':true}]";

        List<Written> written = read(test.gateway.handle(messages(anthropic(hooks), true, "count")));

        assertEquals("message_stop", written.get(written.size() - 2).name(), written.toString());
        assertEquals(new Written("finish", null, "true"), written.get(written.size() - 1));
    }

    @Test
    void completionsAreJudgedOnTheirTextAndTheirPromptRewritten() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body(q("{'id':'cmpl-1','object':'text_completion','created':1,'model':'gpt-3.5-turbo-instruct',"
                        + "'choices':[{'index':0,'text':'ONE TWO','finish_reason':'stop'}]}"))
                .build());
        String config = q("{'provider':'openai','api_key':'k','custom_host':'" + server.url("/v1") + "',"
                + "'input_mutators':[{'default.addPrefix':{'prefix':'Shout: '}}],"
                + "'output_guardrails':[{'default.alllowercase':{}}]}");

        GatewayResponse answer = test.gateway.handle(GatewayRequest.builder(Endpoint.COMPLETE)
                .config(config)
                .body(q("{'model':'gpt-3.5-turbo-instruct','prompt':'hello'}"))
                .build());

        assertEquals("Shout: hello", body(server.takeRequest()).path("prompt").asText());
        assertEquals(246, answer.status(), "the answer is not lower case");
        JsonNode out = TestGateway.json(answer);
        assertEquals("ONE TWO", out.path("choices").path(0).path("text").asText());
        assertEquals(
                false,
                out.path("hook_results")
                        .path("after_request_hooks")
                        .path(0)
                        .path("verdict")
                        .asBoolean(true));
    }

    /** Anthropic's events for a text answer in {@code parts}. */
    private static String anthropicStream(String... parts) {
        StringBuilder out = new StringBuilder();
        out.append(event(
                "message_start",
                "{'type':'message_start','message':{'id':'msg_1','type':'message','role':'assistant','model':'claude-x',"
                        + "'content':[],'stop_reason':null,'usage':{'input_tokens':3,'output_tokens':0}}}"));
        out.append(event(
                "content_block_start",
                "{'type':'content_block_start','index':0,'content_block':{'type':'text','text':''}}"));
        for (String part : parts) {
            out.append(event(
                    "content_block_delta",
                    "{'type':'content_block_delta','index':0,'delta':{'type':'text_delta','text':'" + part + "'}}"));
        }
        out.append(event("content_block_stop", "{'type':'content_block_stop','index':0}"));
        out.append(event(
                "message_delta",
                "{'type':'message_delta','delta':{'stop_reason':'end_turn'},'usage':{'output_tokens':4}}"));
        out.append(event("message_stop", "{'type':'message_stop'}"));
        return out.toString();
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + q(data) + "\n\n";
    }
}
