package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import java.time.Duration;

/** The {@code headers} and {@code timeout} parameters of the checks that call out. */
final class CalloutHeaders {
    /** Longest wait a check may ask for. */
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

    private CalloutHeaders() {}

    /** An object, or a JSON object in a string; anything else throws with Portkey's message. */
    static Headers parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return Headers.empty();
        }
        JsonNode object = node;
        if (node.isTextual()) {
            try {
                object = Json.parse(node.asText());
            } catch (Exception e) {
                throw new IllegalArgumentException("Invalid headers format");
            }
        }
        if (!object.isObject()) {
            throw new IllegalArgumentException("Invalid headers format");
        }
        Headers.Builder headers = Headers.builder().set("content-type", "application/json");
        object.properties()
                .forEach(e -> headers.set(
                        e.getKey(),
                        e.getValue().isTextual()
                                ? e.getValue().asText()
                                : e.getValue().toString()));
        return headers.build();
    }

    /** {@code parameters.timeout || 3000} milliseconds, at most {@link #MAX_TIMEOUT}. */
    static Duration timeout(JsonNode node) {
        long millis = node != null && node.isNumber() && node.asLong() > 0 ? node.asLong() : 3000;
        return Duration.ofMillis(Math.min(millis, MAX_TIMEOUT.toMillis()));
    }
}
