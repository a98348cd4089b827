package dev.aigateway.core.provider.vertex.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * An OAuth2 access token and when to stop using it. {@code toString} never prints the token.
 *
 * @param value the bearer token
 * @param refreshAt when to fetch a new one: five minutes before it expires, or halfway through its
 *     life when it has less than ten minutes (a metadata server hands out its cached token with
 *     whatever life it has left, and refreshing that at once on every call would defeat the cache)
 */
public record AccessToken(String value, Instant refreshAt) {
    static final Duration MARGIN = Duration.ofMinutes(5);

    /** A token obtained at {@code now} that expires {@code lifetime} later. */
    static AccessToken of(String value, Instant now, Duration lifetime) {
        Duration early = lifetime.minus(MARGIN);
        Duration half = lifetime.dividedBy(2);
        return new AccessToken(value, now.plus(early.compareTo(half) > 0 ? early : half));
    }

    boolean freshAt(Instant now) {
        return now.isBefore(refreshAt);
    }

    @Override
    public String toString() {
        return "AccessToken[refreshAt=" + refreshAt + "]";
    }
}
