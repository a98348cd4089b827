package dev.aigateway.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.event.Usage;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.stream.SseEvent;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Anthropic's Messages format, for {@code /v1/messages} and {@code /v1/messages/count_tokens}:
 * every error, the gateway's own included, in Anthropic's shape
 * {@code {"type":"error","error":{"type":...,"message":...}}} with the type Anthropic uses for the
 * status, so that Anthropic's SDKs and agents read it as they read Anthropic's own; a stream error
 * as an {@code event: error} carrying that body; no end marker (the upstream's
 * {@code message_stop} ends a stream); usage in {@code usage.input_tokens}/{@code output_tokens}.
 */
public final class MessagesFormat implements EndpointFormat {
    /** {@code /v1/messages}: an answer has {@code content}. */
    public static final MessagesFormat MESSAGES = new MessagesFormat(new AnswerShape("content"), true);

    /** {@code /v1/messages/count_tokens}: an answer has {@code input_tokens}; counting is no usage. */
    public static final MessagesFormat COUNT_TOKENS = new MessagesFormat(AnswerShape.count("input_tokens"), false);

    private final AnswerShape shape;
    private final boolean reportsUsage;

    private MessagesFormat(AnswerShape shape, boolean reportsUsage) {
        this.shape = shape;
        this.reportsUsage = reportsUsage;
    }

    /** Anthropic's error body. */
    public static ObjectNode error(String type, String message) {
        ObjectNode body = Json.object().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return body;
    }

    /** The error type Anthropic answers with for {@code status}. */
    public static String errorType(int status) {
        return switch (status) {
            case 400, 405, 415, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 408, 504 -> "timeout_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 400 && status < 500 ? "invalid_request_error" : "api_error";
        };
    }

    @Override
    public ObjectNode failureBody(String message) {
        return error("invalid_request_error", message);
    }

    @Override
    public ObjectNode failureBody(int status, String message) {
        return error(errorType(status), message);
    }

    @Override
    public ObjectNode errorBody(String message, String type, String provider) {
        return error("timeout_error".equals(type) ? type : "api_error", message);
    }

    @Override
    public ObjectNode requestError(int status, String message, String code) {
        return error(errorType(status), message);
    }

    @Override
    public SseEvent streamError(String message, String provider) {
        return new SseEvent("error", Json.text(error("api_error", message)));
    }

    @Override
    public Optional<SseEvent> endMarker() {
        return Optional.empty();
    }

    @Override
    public boolean endsStream(SseEvent event) {
        return "message_stop".equals(typeOf(event));
    }

    @Override
    public boolean reportsError(SseEvent event) {
        return "error".equals(typeOf(event));
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
        return reportsUsage ? usageOf(UsageFields.tree(answer.path("usage"))) : Usage.UNKNOWN;
    }

    @Override
    public Usage usage(byte[] answer) {
        return reportsUsage ? usageOf(UsageFields.read(answer, "usage")) : Usage.UNKNOWN;
    }

    @Override
    public StreamUsageReader streamUsage() {
        return new StreamUsageReader() {
            private Usage usage = Usage.UNKNOWN;

            @Override
            public void accept(SseEvent event) {
                String type = event.event();
                if ("message_start".equals(type)) {
                    usage = usage.updatedBy(usageOf(
                            UsageFields.tree(event.json().path("message").path("usage"))));
                } else if ("message_delta".equals(type)) {
                    usage = usage.updatedBy(
                            usageOf(UsageFields.tree(event.json().path("usage"))));
                }
            }

            @Override
            public Usage usage() {
                return usage;
            }
        };
    }

    /** Anthropic's {@code input_tokens} leaves out cache reads and writes: input adds them back. */
    private static Usage usageOf(UsageFields usage) {
        OptionalLong input = usage.count("input_tokens");
        OptionalLong read = usage.count("cache_read_input_tokens");
        OptionalLong write = usage.count("cache_creation_input_tokens");
        if (input.isPresent()) {
            input = OptionalLong.of(input.getAsLong() + read.orElse(0) + write.orElse(0));
        }
        return new Usage(input, usage.count("output_tokens"), read, write, OptionalLong.empty());
    }
}
