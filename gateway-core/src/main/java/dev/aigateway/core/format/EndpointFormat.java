package dev.aigateway.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.event.Usage;
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

    /** A fresh reader of the usage one stream of this format reports, for one stream. */
    StreamUsageReader streamUsage();

    /** Collects the usage a stream reports, event by event. Used by one thread. */
    interface StreamUsageReader {
        void accept(SseEvent event);

        Usage usage();
    }
}
