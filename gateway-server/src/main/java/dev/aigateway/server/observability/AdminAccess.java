package dev.aigateway.server.observability;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who may open the console: whoever presents the admin token ({@code --admin-token}) or a gateway
 * key the config file marks {@code admin: true}, as {@code Authorization: Bearer <token>} or in the
 * console's cookie {@value #COOKIE}, which its login form sets. Compared in constant time; never
 * logged. With neither configured the console is closed to everyone.
 */
public final class AdminAccess {
    static final String COOKIE = "gateway_admin";

    private final Optional<byte[]> tokenHash;
    private final Predicate<String> adminKey;

    /**
     * @param token the admin token, if one is set
     * @param adminKey whether a presented value is a gateway key marked admin (the config file's
     *     keys; always false without a file)
     */
    public AdminAccess(Optional<String> token, Predicate<String> adminKey) {
        this.tokenHash = token.filter(t -> !t.isBlank()).map(AdminAccess::sha256);
        this.adminKey = adminKey;
    }

    /** What the exchange presents: the bearer token, else the console's cookie. */
    static Optional<String> presented(HttpServerExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).strip()).filter(t -> !t.isEmpty());
        }
        Cookie cookie = exchange.getRequestCookie(COOKIE);
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the exchange presents an admin token or an admin key. */
    boolean allows(HttpServerExchange exchange) {
        return presented(exchange).map(this::isAdmin).orElse(false);
    }

    boolean isAdmin(String presented) {
        boolean token = tokenHash
                .map(hash -> MessageDigest.isEqual(hash, sha256(presented)))
                .orElse(false);
        return adminKey.test(presented) || token;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
