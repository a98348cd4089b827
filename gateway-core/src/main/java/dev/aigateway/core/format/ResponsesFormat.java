package dev.aigateway.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.event.Usage;
import dev.aigateway.core.internal.ErrorBodies;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.stream.SseEvent;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * OpenAI's Responses format, for {@code POST /v1/responses}: gateway failures in Portkey's
 * {@code {"status":"failure","message":...}}, upstream errors in OpenAI's envelope, as on every
 * OpenAI route; streams of named events ({@code response.created} ... {@code response.completed})
 * with no end marker; usage in {@code usage.input_tokens}/{@code output_tokens}.
 *
 * <p>A stream the gateway must cut ends with {@code event: error} holding Responses' flat fields
 * ({@code type}, {@code code}, {@code message}, {@code param}) and the OpenAI {@code error} object:
 * the SDKs raise an exception for an event that has {@code error}, so the caller learns of the cut
 * instead of reading a stream that merely stops.
 */
public final class ResponsesFormat implements EndpointFormat {
    public static final ResponsesFormat INSTANCE = new ResponsesFormat();

    /** The events after which a Responses stream has nothing more to say. */
    private static final Set<String> LAST_EVENTS =
            Set.of("response.completed", "response.incomplete", "response.failed", "error");

    private static final Set<String> ERROR_EVENTS = Set.of("response.failed", "error");

    private final AnswerShape shape = new AnswerShape("output");

    private ResponsesFormat() {}

    @Override
    public ObjectNode failureBody(String message) {
        return ErrorBodies.failure(message);
    }

    @Override
    public ObjectNode errorBody(String message, String type, String provider) {
        return ErrorBodies.openAi(message, type, null, null, provider);
    }

    @Override
    public SseEvent streamError(String message, String provider) {
        ObjectNode event = Json.object()
                .put("type", "error")
                .put("code", "stream_error")
                .put("message", message)
                .putNull("param");
        event.set("error", errorBody(message, "stream_error", provider).get("error"));
        if (provider != null) {
            event.put("provider", provider);
        }
        return new SseEvent("error", Json.text(event));
    }

    @Override
    public Optional<SseEvent> endMarker() {
        return Optional.empty();
    }

    @Override
    public boolean endsStream(SseEvent event) {
        return LAST_EVENTS.contains(typeOf(event));
    }

    @Override
    public boolean reportsError(SseEvent event) {
        return ERROR_EVENTS.contains(typeOf(event));
    }

    /** The event's name, or the {@code type} its data names when it came without one. */
    private static String typeOf(SseEvent event) {
        if (event.event() != null) {
            return event.event();
        }
        return event.data().startsWith("{") ? event.json().path("type").asText("") : "";
    }

    @Override
    public Optional<String> answerProblem(JsonNode answer, byte[] upstreamBody) {
        return shape.holds(answer) ? Optional.empty() : Optional.of(shape.problem(upstreamBody));
    }

    @Override
    public Optional<String> relayedAnswerProblem(byte[] body) {
        return shape.holds(body) ? Optional.empty() : Optional.of(shape.problem(body));
    }

    @Override
    public Usage usage(JsonNode answer) {
        return usageOf(UsageFields.tree(answer.path("usage")));
    }

    @Override
    public Usage usage(byte[] answer) {
        return usageOf(UsageFields.read(answer, "usage"));
    }

    @Override
    public StreamUsageReader streamUsage() {
        return new StreamUsageReader() {
            private Usage usage = Usage.UNKNOWN;

            @Override
            public void accept(SseEvent event) {
                String type = event.event();
                if (type != null && type.startsWith("response.") && LAST_EVENTS.contains(type)) {
                    usage = usage.updatedBy(usageOf(
                            UsageFields.tree(event.json().path("response").path("usage"))));
                }
            }

            @Override
            public Usage usage() {
                return usage;
            }
        };
    }

    private static Usage usageOf(UsageFields usage) {
        return new Usage(
                usage.count("input_tokens"),
                usage.count("output_tokens"),
                usage.object("input_tokens_details").count("cached_tokens"),
                OptionalLong.empty(),
                usage.object("output_tokens_details").count("reasoning_tokens"));
    }
}
