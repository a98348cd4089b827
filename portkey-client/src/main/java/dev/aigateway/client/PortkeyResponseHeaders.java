package dev.aigateway.client;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The {@code x-portkey-*} headers a Portkey-compatible gateway answers with: which provider
 * answered, where that target sits in the config, how many retries it took, the trace id and the
 * cache status. Frameworks hand response headers over in different shapes and letter cases, so
 * there is a factory for a map of values (LangChain4j's {@code SuccessfulHttpResponse.headers()},
 * the JDK's {@code HttpHeaders.map()}, OkHttp's {@code Headers.toMultimap()}) and one for a lookup
 * by name (openai-java's {@code Headers::values}, OkHttp's {@code Headers::values}, Spring's
 * {@code HttpHeaders::getValuesAsList}). Names are matched ignoring case; the first value counts.
 *
 * <pre>{@code
 * PortkeyResponseHeaders answer = PortkeyResponseHeaders.from(rawResponse.headers());
 * answer.lastUsedOptionIndex(); // Optional[config.targets[1]]: the fallback target answered
 * answer.provider();            // Optional[openai]
 * }</pre>
 *
 * @param provider {@code x-portkey-provider}: the slug of the provider that answered
 * @param lastUsedOptionIndex {@code x-portkey-last-used-option-index}: where the answering target
 *     sits, {@code config} (no targets), {@code config.targets[1]}, {@code
 *     config.targets[1].targets[0]}, ...
 * @param retryAttemptCount {@code x-portkey-retry-attempt-count}: retries made before the answer
 *     ({@code -1} when they ran out); empty when absent or not a number
 * @param traceId {@code x-portkey-trace-id}: the request's trace id, given or generated
 * @param cacheStatus {@code x-portkey-cache-status}, e.g. {@code HIT}, {@code MISS}, {@code
 *     DISABLED}
 */
public record PortkeyResponseHeaders(
        Optional<String> provider,
        Optional<String> lastUsedOptionIndex,
        OptionalInt retryAttemptCount,
        Optional<String> traceId,
        Optional<String> cacheStatus) {

    public static final String PROVIDER = "x-portkey-provider";
    public static final String LAST_USED_OPTION_INDEX = "x-portkey-last-used-option-index";
    public static final String RETRY_ATTEMPT_COUNT = "x-portkey-retry-attempt-count";
    public static final String TRACE_ID = "x-portkey-trace-id";
    public static final String CACHE_STATUS = "x-portkey-cache-status";

    public PortkeyResponseHeaders {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(lastUsedOptionIndex, "lastUsedOptionIndex");
        Objects.requireNonNull(retryAttemptCount, "retryAttemptCount");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(cacheStatus, "cacheStatus");
    }

    /** Reads the headers from a map of names to values, whatever the letter case of the names. */
    public static PortkeyResponseHeaders from(Map<String, ? extends Collection<String>> headers) {
        Objects.requireNonNull(headers, "headers");
        return from(name -> valuesIgnoringCase(headers, name));
    }

    /**
     * Reads the headers through {@code valuesByName}, which returns the values of one header name
     * (empty or {@code null} when there are none) and is called with lower-case names.
     */
    public static PortkeyResponseHeaders from(Function<String, ? extends Collection<String>> valuesByName) {
        Objects.requireNonNull(valuesByName, "valuesByName");
        Function<String, Optional<String>> first = name -> first(valuesByName.apply(name));
        return new PortkeyResponseHeaders(
                first.apply(PROVIDER),
                first.apply(LAST_USED_OPTION_INDEX),
                first.apply(RETRY_ATTEMPT_COUNT)
                        .map(PortkeyResponseHeaders::parseInt)
                        .orElse(OptionalInt.empty()),
                first.apply(TRACE_ID),
                first.apply(CACHE_STATUS));
    }

    private static Collection<String> valuesIgnoringCase(
            Map<String, ? extends Collection<String>> headers, String name) {
        Collection<String> exact = headers.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, ? extends Collection<String>> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    private static Optional<String> first(Collection<String> values) {
        if (values == null) {
            return Optional.empty();
        }
        return values.stream()
                .filter(Objects::nonNull)
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .findFirst();
    }

    private static OptionalInt parseInt(String value) {
        try {
            return OptionalInt.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
