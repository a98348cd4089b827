package dev.aigateway.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders the two error body shapes the gateway answers with. */
public final class ErrorBodies {
    private ErrorBodies() {}

    /** Portkey's gateway-side failure body: {@code {"status":"failure","message":...}}. */
    public static ObjectNode failure(String message) {
        ObjectNode body = Json.object();
        body.put("status", "failure");
        body.put("message", message);
        return body;
    }

    /**
     * The OpenAI error envelope {@code {"error":{message,type,param,code},"provider":...}}. Null
     * {@code type}, {@code param} or {@code code} are written as JSON null, as OpenAI does.
     */
    public static ObjectNode openAi(String message, String type, String param, JsonNode code, String provider) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        putOrNull(error, "type", type);
        putOrNull(error, "param", param);
        if (code == null || code.isMissingNode()) {
            error.putNull("code");
        } else {
            error.set("code", code);
        }
        if (provider != null) {
            body.put("provider", provider);
        }
        return body;
    }

    /** The body of a 408 answered when a per-attempt {@code request_timeout} expires. */
    public static ObjectNode timeout(long timeoutMillis) {
        return openAi(
                "Request exceeded the timeout sent in the request: " + timeoutMillis + "ms",
                "timeout_error",
                null,
                null,
                null);
    }

    private static void putOrNull(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
