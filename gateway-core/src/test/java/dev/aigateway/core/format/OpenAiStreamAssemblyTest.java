package dev.aigateway.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.stream.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chunks into answers and answers into chunks, for chat completions and completions. */
class OpenAiStreamAssemblyTest {
    private static final StreamAssembly CHAT =
            OpenAiFormat.CHAT.streamAssembly().orElseThrow();
    private static final StreamAssembly COMPLETIONS =
            OpenAiFormat.COMPLETIONS.streamAssembly().orElseThrow();

    private static SseEvent chunk(String choiceJson) {
        return SseEvent.data("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":5,\"model\":\"gpt-4o\","
                + "\"system_fingerprint\":\"fp\",\"choices\":[" + choiceJson + "]}");
    }

    @Test
    void toolCallFragmentsBecomeWholeCalls() throws Exception {
        List<SseEvent> events = List.of(
                chunk("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,"
                        + "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"add\",\"arguments\":\"\"}}]},"
                        + "\"finish_reason\":null}"),
                chunk(
                        "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\":\"}}]},"
                                + "\"finish_reason\":null}"),
                chunk("{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"1}\"}}]},"
                        + "\"finish_reason\":\"tool_calls\"}"),
                SseEvent.data(
                        "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":5,\"model\":\"gpt-4o\","
                                + "\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":4,\"total_tokens\":13}}"));

        ObjectNode answer = CHAT.assemble(events).orElseThrow();

        assertEquals("chat.completion", answer.path("object").asText());
        assertEquals("fp", answer.path("system_fingerprint").asText());
        JsonNode message = answer.at("/choices/0/message");
        assertEquals("assistant", message.path("role").asText());
        assertTrue(message.path("content").isNull());
        assertEquals("call_1", message.at("/tool_calls/0/id").asText());
        assertEquals("add", message.at("/tool_calls/0/function/name").asText());
        assertEquals("{\"a\":1}", message.at("/tool_calls/0/function/arguments").asText());
        assertEquals("tool_calls", answer.at("/choices/0/finish_reason").asText());
        assertEquals(13, answer.at("/usage/total_tokens").asInt());
    }

    @Test
    void aRoleRepeatedInEveryChunkIsKeptOnce() {
        ObjectNode answer = CHAT.assemble(
                        List.of(
                                chunk("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"a\"}}"),
                                chunk(
                                        "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"b\"},\"finish_reason\":\"stop\"}")))
                .orElseThrow();

        assertEquals("assistant", answer.at("/choices/0/message/role").asText());
        assertEquals("ab", answer.at("/choices/0/message/content").asText());
    }

    @Test
    void anAnswerStreamedAndAssembledAgainIsTheSameMessage() throws Exception {
        JsonNode answer = Json.parse("{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\",\"tool_calls\":"
                + "[{\"id\":\"t\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},"
                + "\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}");

        List<SseEvent> events = CHAT.disassemble(answer, true).orElseThrow();
        ObjectNode back = CHAT.assemble(events).orElseThrow();

        assertEquals(3, events.size(), "the message, the finish reason, the usage");
        assertEquals(
                0,
                events.get(0).json().at("/choices/0/delta/tool_calls/0/index").asInt());
        assertEquals(answer.at("/choices/0/message"), back.at("/choices/0/message"));
        assertEquals(answer.path("usage"), back.path("usage"));
        assertEquals(2, CHAT.disassemble(answer, false).orElseThrow().size());
    }

    @Test
    void completionsJoinTheirText() {
        ObjectNode answer = COMPLETIONS
                .assemble(List.of(
                        SseEvent.data("{\"id\":\"cmpl\",\"object\":\"text_completion\",\"created\":1,\"model\":\"m\","
                                + "\"choices\":[{\"text\":\"Hel\",\"index\":0,\"finish_reason\":null}]}"),
                        SseEvent.data("{\"id\":\"cmpl\",\"object\":\"text_completion\",\"created\":1,\"model\":\"m\","
                                + "\"choices\":[{\"text\":\"lo\",\"index\":0,\"finish_reason\":\"length\"}]}")))
                .orElseThrow();

        assertEquals("text_completion", answer.path("object").asText());
        assertEquals("Hello", answer.at("/choices/0/text").asText());
        assertEquals("length", answer.at("/choices/0/finish_reason").asText());
    }

    @Test
    void anErrorOrNonJsonEventMakesNoAnswer() {
        assertTrue(CHAT.assemble(List.of(SseEvent.data("{\"error\":{\"message\":\"x\"}}")))
                .isEmpty());
        assertTrue(CHAT.assemble(List.of(SseEvent.data("not json"))).isEmpty());
        assertTrue(OpenAiFormat.EMBEDDINGS.streamAssembly().isEmpty());
    }
}
