package dev.aigateway.server.observability;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.event.Usage;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One finished call, as the access log, the metrics, the console and the traces report it. Holds
 * no key and no body (bodies only with {@code --log-bodies}, for the console).
 *
 * @param traceId the {@code x-portkey-trace-id}
 * @param route the route, e.g. {@code /v1/chat/completions} (never a raw path)
 * @param startNanos {@link System#nanoTime()} at the start, for the spans' times
 * @param durationNanos from the start to the last byte (a stream's end)
 * @param firstEventNanos for a stream, from the start to its first event
 * @param attempts the upstream attempts in the order they began
 * @param answeredBy where the answer came from ({@code config.targets[1]}), when a target answered
 * @param provider the provider that answered, or empty
 * @param model the model asked of that provider (after the target's overrides), or empty
 * @param cacheStatus {@code HIT}, {@code MISS}, ... when a response cache looked the call up
 * @param cost the answer's cost in US dollars; empty when unknown (no price, no usage)
 * @param fallback whether more than one target was tried
 * @param retries the retries made, all targets together
 * @param complete false when a stream was cut or the caller left
 * @param key the name of the gateway key that made the call, never the key
 * @param requestBody the request body, only with {@code --log-bodies}
 * @param responseBody a complete answer's body, only with {@code --log-bodies}
 * @param trace the call's W3C trace context, when {@link Tracing} saw one or made one
 */
public record CallRecord(
        String traceId,
        Endpoint endpoint,
        String route,
        Instant startedAt,
        long startNanos,
        int status,
        long durationNanos,
        OptionalLong firstEventNanos,
        List<Attempt> attempts,
        Optional<String> answeredBy,
        Optional<String> provider,
        Optional<String> model,
        Usage usage,
        Optional<String> cacheStatus,
        OptionalDouble cost,
        boolean fallback,
        int retries,
        boolean streamed,
        boolean complete,
        Optional<String> key,
        Optional<String> config,
        Optional<String> requestBody,
        Optional<String> responseBody,
        Optional<CallTrace> trace) {

    /**
     * One upstream attempt.
     *
     * @param status the upstream's HTTP status, or 0 when there was no answer
     * @param error the failure's kind when there was no answer ({@code timeout}, {@code
     *     connection_failed}), else empty
     * @param startNanos when it began ({@link System#nanoTime()})
     * @param durationNanos until the answer's headers, or the failure
     * @param spanId the span id a trace gave it, when traced
     */
    public record Attempt(
            String target,
            String provider,
            String model,
            int attempt,
            int status,
            Optional<String> error,
            long startNanos,
            long durationNanos,
            Optional<String> spanId) {}

    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    /** {@code 2xx}, {@code 4xx}, ... */
    public String statusClass() {
        return statusClass(status);
    }

    static String statusClass(int status) {
        return status >= 100 && status < 600 ? STATUS_CLASSES[status / 100 - 1] : "other";
    }

    private static final String[] ROUTES = Arrays.stream(Endpoint.values())
            .map(endpoint -> "/v1" + endpoint.openAiPath())
            .toArray(String[]::new);

    /** The route of an endpoint, e.g. {@code /v1/chat/completions}. */
    static String route(Endpoint endpoint) {
        return ROUTES[endpoint.ordinal()];
    }

    /** The OpenTelemetry GenAI {@code gen_ai.operation.name} of an endpoint. */
    static String operation(Endpoint endpoint) {
        return switch (endpoint) {
            case CHAT_COMPLETE, RESPONSES, MESSAGES -> "chat";
            case COMPLETE -> "text_completion";
            case EMBED -> "embeddings";
            case MESSAGES_COUNT_TOKENS -> "count_tokens";
            default -> endpoint.portkeyName(); // no GenAI name: Portkey's, e.g. imageGenerate, proxy
        };
    }
}
