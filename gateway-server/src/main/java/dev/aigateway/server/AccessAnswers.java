package dev.aigateway.server;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.ErrorBodies;
import dev.aigateway.core.internal.Json;
import java.util.List;

/**
 * The answers of the gateway keys and their limits, in OpenAI's error envelope, so that OpenAI's
 * SDKs raise them as they raise OpenAI's own: 401 {@code AuthenticationError}, 403
 * {@code PermissionDeniedError}, 429 {@code RateLimitError} (retried after {@code retry-after}).
 */
final class AccessAnswers {
    private AccessAnswers() {}

    static GatewayResponse.Complete missingKey() {
        return unauthorized("Missing gateway API key: send it as 'Authorization: Bearer <key>' or as"
                + " 'x-portkey-api-key: <key>'");
    }

    static GatewayResponse.Complete wrongKey() {
        return unauthorized("Invalid gateway API key");
    }

    private static GatewayResponse.Complete unauthorized(String message) {
        return answer(401, message, "invalid_request_error", "invalid_api_key", "www-authenticate", "Bearer");
    }

    /** 403: {@code key} may not do {@code what}. */
    static GatewayResponse.Complete forbidden(GatewayKey key, String what, List<String> usable) {
        return answer(
                403,
                "The gateway key '" + key.name() + "' may not " + what + "; it may use "
                        + (usable.isEmpty() ? "no named config" : "the configs " + String.join(", ", usable)),
                "request_forbidden",
                "config_not_allowed");
    }

    /** 400: {@code name} is no named config. */
    static GatewayResponse.Complete unknownConfig(String name, List<String> usable) {
        return answer(
                400,
                "x-portkey-config names no config of this gateway: '" + name + "'"
                        + (usable.isEmpty() ? "" : "; named configs: " + String.join(", ", usable)),
                "invalid_request_error",
                "unknown_config");
    }

    /** 400: {@code x-portkey-custom-host} with a named config, whose keys stay with its hosts. */
    static GatewayResponse.Complete customHostRefused(String config) {
        return answer(
                400,
                "x-portkey-custom-host cannot be used with the named config '" + config
                        + "': its provider keys go only to the hosts the config names",
                "invalid_request_error",
                "custom_host_not_allowed");
    }

    /** 429 with {@code retry-after} (whole seconds, at least 1) and {@code retry-after-ms}. */
    static GatewayResponse.Complete limited(String message, String type, long retryAfterMillis) {
        long millis = Math.max(retryAfterMillis, 1);
        long seconds = Math.max(1, (millis + 999) / 1000);
        return answer(
                429,
                message + " Try again in " + seconds + "s.",
                type,
                "rate_limit_exceeded",
                "retry-after",
                Long.toString(seconds),
                "retry-after-ms",
                Long.toString(millis));
    }

    private static GatewayResponse.Complete answer(
            int status, String message, String type, String code, String... headers) {
        Headers.Builder all = Headers.builder().add("content-type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            all.add(headers[i], headers[i + 1]);
        }
        return new GatewayResponse.Complete(
                status, all.build(), Json.bytes(ErrorBodies.openAi(message, type, null, TextNode.valueOf(code), null)));
    }
}
