package dev.aigateway.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.event.Usage;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.stream.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Messages and Responses formats: error shapes, how streams end and fail, answer checks, usage. */
class MessagesAndResponsesFormatTest {
    private final MessagesFormat messages = MessagesFormat.MESSAGES;
    private final ResponsesFormat responses = ResponsesFormat.INSTANCE;

    @Test
    void messagesErrorsAreAnthropicsWithTheTypeForTheStatus() throws Exception {
        assertEquals(
                Json.parse("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow\"}}"),
                messages.failureBody(429, "slow"));
        assertEquals(
                "overloaded_error",
                messages.failureBody(529, "x").at("/error/type").asText());
        assertEquals(
                "api_error", messages.failureBody(500, "x").at("/error/type").asText());
        assertEquals(
                "not_found_error",
                messages.failureBody(404, "x").at("/error/type").asText());
        assertEquals(
                "invalid_request_error",
                messages.failureBody("x").at("/error/type").asText());
        assertEquals(
                "timeout_error",
                messages.errorBody("late", "timeout_error", "anthropic")
                        .at("/error/type")
                        .asText());
        assertEquals(
                "api_error",
                messages.errorBody("gone", "upstream_unreachable", "x")
                        .at("/error/type")
                        .asText());
        SseEvent error = messages.streamError("cut", "openai");
        assertEquals("error", error.event());
        assertEquals("api_error", error.json().at("/error/type").asText());
        assertEquals(Optional.empty(), messages.endMarker());
    }

    @Test
    void messagesStreamsEndWithMessageStopAndFailWithAnErrorEvent() {
        assertTrue(messages.endsStream(new SseEvent("message_stop", "{\"type\":\"message_stop\"}")));
        assertTrue(messages.endsStream(SseEvent.data("{\"type\":\"message_stop\"}")));
        assertFalse(messages.endsStream(new SseEvent("message_delta", "{}")));
        assertTrue(messages.reportsError(new SseEvent("error", "{\"type\":\"error\"}")));
        assertFalse(messages.reportsError(new SseEvent("content_block_delta", "{\"error\":\"in the text\"}")));
    }

    @Test
    void messagesAnswersAndUsage() throws Exception {
        byte[] answer = "{\"type\":\"message\",\"content\":[],\"usage\":{\"input_tokens\":12,\"output_tokens\":3}}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(Optional.empty(), messages.relayedAnswerProblem(answer));
        assertEquals(Usage.of(12, 3), messages.usage(Json.parse(answer)));
        assertTrue(messages.relayedAnswerProblem(bytes("{\"type\":\"error\",\"error\":{\"message\":\"no\"}}"))
                .orElseThrow()
                .contains("no `content` array"));

        EndpointFormat.StreamUsageReader usage = messages.streamUsage();
        usage.accept(new SseEvent(
                "message_start",
                "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}"));
        usage.accept(new SseEvent("message_delta", "{\"type\":\"message_delta\",\"usage\":{\"output_tokens\":3}}"));
        assertEquals(Usage.of(12, 3), usage.usage());
    }

    @Test
    void countTokensAnswersHoldACountAndAreNoUsage() throws Exception {
        MessagesFormat count = MessagesFormat.COUNT_TOKENS;
        assertEquals(Optional.empty(), count.relayedAnswerProblem(bytes("{\"input_tokens\":42}")));
        assertEquals(Optional.empty(), count.answerProblem(Json.parse("{\"input_tokens\":42}"), new byte[0]));
        assertTrue(
                count.relayedAnswerProblem(bytes("{\"input_tokens\":\"42\"}")).isPresent());
        assertEquals(Usage.UNKNOWN, count.usage(Json.parse("{\"input_tokens\":42}")));
    }

    @Test
    void responsesStreamsEndWithTheirLastEventAndFailWithAnErrorOrResponseFailed() {
        for (String last : new String[] {"response.completed", "response.incomplete", "response.failed", "error"}) {
            assertTrue(responses.endsStream(new SseEvent(last, "{}")), last);
        }
        assertFalse(responses.endsStream(new SseEvent("response.output_text.done", "{}")));
        assertTrue(responses.reportsError(new SseEvent("response.failed", "{}")));
        assertTrue(responses.reportsError(SseEvent.data("{\"type\":\"error\",\"message\":\"x\"}")));
        assertFalse(responses.reportsError(new SseEvent("response.completed", "{}")));
        SseEvent cut = responses.streamError("cut short", "openai");
        assertEquals("error", cut.event());
        assertEquals("cut short", cut.json().path("message").asText());
        assertEquals("cut short", cut.json().at("/error/message").asText(), "SDKs raise on an error object");
    }

    @Test
    void responsesAnswersAndUsage() throws Exception {
        assertEquals(
                Optional.empty(), responses.relayedAnswerProblem(bytes("{\"object\":\"response\",\"output\":[]}")));
        assertTrue(responses.relayedAnswerProblem(bytes("{\"choices\":[]}")).isPresent());
        assertEquals(
                Usage.of(5, 7), responses.usage(Json.parse("{\"usage\":{\"input_tokens\":5,\"output_tokens\":7}}")));
        EndpointFormat.StreamUsageReader usage = responses.streamUsage();
        usage.accept(new SseEvent("response.created", "{\"response\":{\"usage\":null}}"));
        usage.accept(new SseEvent(
                "response.completed", "{\"response\":{\"usage\":{\"input_tokens\":5,\"output_tokens\":7}}}"));
        assertEquals(Usage.of(5, 7), usage.usage());
        assertEquals(Json.parse("{\"status\":\"failure\",\"message\":\"bad\"}"), responses.failureBody(400, "bad"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
