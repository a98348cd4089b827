package dev.aigateway.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aigateway.core.event.Usage;
import dev.aigateway.core.internal.ErrorBodies;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.stream.SseEvent;
import java.util.Optional;

/**
 * The wire format a unified endpoint answers in: what its errors look like, how a stream reports a
 * failure and how it ends, where an answer carries its usage. Each {@link dev.aigateway.core.Endpoint}
 * has one; everything format-specific outside the provider transforms asks it, so that a route in
 * another format (Anthropic's Messages, OpenAI's Responses) needs no special case. Stateless and
 * thread-safe.
 */
public interface EndpointFormat {
    /**
     * The body of a failure the gateway detected itself, before or instead of an upstream call: a
     * bad request, a bad config, a target it cannot serve.
     */
    ObjectNode failureBody(String message);

    /**
     * The same with the status it is answered with, for formats whose error bodies name a type per
     * status (Anthropic's {@code rate_limit_error}, {@code api_error}, ...).
     */
    default ObjectNode failureBody(int status, String message) {
        return failureBody(message);
    }

    /**
     * The body of an error about a request the server refused before the gateway saw it (a body
     * too large); {@code code} names the problem, e.g. {@code request_too_large}.
     */
    default ObjectNode requestError(int status, String message, String code) {
        return ErrorBodies.openAi(message, "invalid_request_error", null, TextNode.valueOf(code), null);
    }

    /**
     * The body of an error the gateway reports about an upstream: a timeout, an unreachable host,
     * an answer that is not one.
     *
     * @param type the error type, e.g. {@code timeout_error}
     * @param provider the provider slug, or {@code null} when none is involved
     */
    ObjectNode errorBody(String message, String type, String provider);

    /** The event that reports a stream cut after it began. */
    SseEvent streamError(String message, String provider);

    /**
     * The event written after the last one of a stream, whether it completed or failed (OpenAI's
     * {@code data: [DONE]}); empty for formats whose last upstream event already ends the stream.
     */
    Optional<SseEvent> endMarker();

    /**
     * Whether {@code event}, as the upstream sent it, is the last event of a complete stream of this
     * format: OpenAI's {@code [DONE]}; for formats without an end marker, their closing event
     * ({@code message_stop}, {@code response.completed}).
     */
    default boolean endsStream(SseEvent event) {
        return event.isDone();
    }

    /**
     * Whether {@code event}, as the upstream sent it, reports that the answer failed: relays write
     * it as an error event, so that the stream counts as incomplete and gets no second error.
     */
    default boolean reportsError(SseEvent event) {
        return event.data().startsWith("{")
                && event.data().contains("\"error\"")
                && event.json().has("error");
    }

    /**
     * Why a 2xx body, as the transform made it, is not an answer of this format (an error
     * envelope, or a body without the fields every answer has); empty when it is one.
     *
     * @param upstreamBody the bytes the upstream sent, to quote an error message they hold
     */
    Optional<String> answerProblem(JsonNode answer, byte[] upstreamBody);

    /**
     * The same check on a 2xx body relayed as the upstream sent it, which the gateway does not
     * parse: it must be cheap and build no tree.
     */
    Optional<String> relayedAnswerProblem(byte[] body);

    /**
     * Whether a 2xx answer goes to the caller as the upstream's bytes, streamed through as they
     * arrive and never held whole (speech audio, a file's content, the proxy): then neither
     * {@link #answerProblem} nor {@link #usage} is asked. False by default.
     */
    default boolean bytesAnswer() {
        return false;
    }

    /** The token usage an answer reports. */
    Usage usage(JsonNode answer);

    /**
     * The token usage a complete answer's body reports, {@link Usage#UNKNOWN} when it is not JSON.
     * By default the body is parsed and given to {@link #usage(JsonNode)}; formats whose usage is
     * one top-level field read only that field.
     */
    default Usage usage(byte[] answer) {
        JsonNode tree = Json.parseOrNull(answer);
        return tree == null ? Usage.UNKNOWN : usage(tree);
    }

    /** A fresh reader of the usage one stream of this format reports, for one stream. */
    StreamUsageReader streamUsage();

    /**
     * How this format's streams and complete answers turn into each other, when they do: a cache
     * then serves a stored stream to a request for JSON and the other way round.
     */
    default Optional<StreamAssembly> streamAssembly() {
        return Optional.empty();
    }

    /** Collects the usage a stream reports, event by event. Used by one thread. */
    interface StreamUsageReader {
        void accept(SseEvent event);

        Usage usage();
    }
}
