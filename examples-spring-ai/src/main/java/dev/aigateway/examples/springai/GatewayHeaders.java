package dev.aigateway.examples.springai;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers every call to the gateway carries: the fallback config from {@code
 * Portkey.createHeaders}. A call that needs headers of its own passes {@link #with} them to
 * {@code ChatClient}'s {@code options(...)}, which replaces the client's default options instead of
 * adding to them.
 */
record GatewayHeaders(Map<String, String> defaults) {
    GatewayHeaders {
        defaults = Map.copyOf(defaults);
    }

    /** The default headers plus {@code extra}; {@code extra} wins where both name a header. */
    Map<String, String> with(Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(defaults);
        headers.putAll(extra);
        return headers;
    }
}
