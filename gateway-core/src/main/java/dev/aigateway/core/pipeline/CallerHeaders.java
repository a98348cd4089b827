package dev.aigateway.core.pipeline;

import dev.aigateway.core.http.HeaderRules;
import dev.aigateway.core.http.Headers;
import java.util.Locale;
import java.util.Set;

/**
 * The caller's headers the proxy passes on, as Portkey's proxy does: every one but the gateway's
 * own ({@code x-portkey-*}), those the upstream client owns (framing, connection, encoding), the
 * content type (set from the body) and the caller's credentials. Unlike Portkey, the target's
 * credentials are the ones sent: the provider's headers are set after these and win, and a
 * caller's {@code Authorization} (often a placeholder an SDK insists on) is never sent in their
 * stead.
 */
final class CallerHeaders {
    private static final String PORTKEY_PREFIX = "x-portkey-";

    /** Credentials: the target's own are added by its provider. */
    private static final Set<String> CREDENTIALS = Set.of("authorization", "x-api-key", "api-key", "x-goog-api-key");

    private CallerHeaders() {}

    static void relay(Headers incoming, Headers.Builder out) {
        incoming.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith(PORTKEY_PREFIX)
                    && !HeaderRules.NEVER_FORWARDED.contains(lower)
                    && !CREDENTIALS.contains(lower)
                    && !lower.equals("content-type")) {
                out.add(lower, value);
            }
        });
    }
}
