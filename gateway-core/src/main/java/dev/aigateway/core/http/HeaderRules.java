package dev.aigateway.core.http;

import dev.aigateway.core.error.GatewayException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What may travel in an upstream request header. Values must be printable ASCII (space to
 * {@code ~}): a CR or LF would end the header line and let the rest of the value become headers,
 * or a whole second request on the pooled connection; other control characters are refused
 * alike, and non-ASCII has no agreed encoding in HTTP/1.1 headers (OkHttp refuses it too). Nothing
 * is stripped or rewritten: a value that breaks a rule is refused, so the caller learns of it.
 * Names must be HTTP tokens (RFC 9110 section 5.6.2).
 */
public final class HeaderRules {
    /**
     * Request headers the upstream client owns: framing, connection management, routing and
     * transfer coding. A caller can never forward or set them.
     */
    public static final Set<String> NEVER_FORWARDED = Set.of(
            "host",
            "content-length",
            "transfer-encoding",
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authorization",
            "te",
            "trailer",
            "upgrade",
            "expect",
            "accept-encoding",
            "content-encoding");

    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HeaderRules() {}

    /** Why {@code value} cannot be sent in a header, or empty when it can. */
    public static Optional<String> valueProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("must be printable ASCII (it holds a control character such as CR or LF)");
            }
            if (c > 0x7e) {
                return Optional.of("must be printable ASCII (it holds a non-ASCII character)");
            }
        }
        return Optional.empty();
    }

    /** Why {@code name} is not a valid header name (an HTTP token), or empty when it is. */
    public static Optional<String> nameProblem(String name) {
        if (name.isEmpty()) {
            return Optional.of("a header name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || TOKEN_SYMBOLS.indexOf(c) >= 0;
            if (!token) {
                return Optional.of("a header name may hold letters, digits and !#$%&'*+-.^_`|~ only");
            }
        }
        return Optional.empty();
    }

    /** Why the caller's header {@code name} cannot be forwarded upstream, or empty when it can. */
    public static Optional<String> forwardedNameProblem(String name) {
        Optional<String> invalid = nameProblem(name);
        if (invalid.isPresent()) {
            return invalid;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (NEVER_FORWARDED.contains(lower)) {
            return Optional.of("'" + lower + "' is managed by the gateway's HTTP client and is never forwarded");
        }
        return Optional.empty();
    }

    /**
     * Returns {@code value}, or throws a 400 naming {@code what} ({@code header x-api-key},
     * {@code anthropic_version in the request body}, ...) when it cannot be sent in a header. The
     * message never quotes the value, which may be a key.
     */
    public static String checked(String what, String value) {
        valueProblem(value).ifPresent(problem -> {
            throw GatewayException.badRequest("Invalid " + what + ": " + problem);
        });
        return value;
    }
}
