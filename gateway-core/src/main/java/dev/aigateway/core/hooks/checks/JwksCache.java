package dev.aigateway.core.hooks.checks;

import com.nimbusds.jose.jwk.JWKSet;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.upstream.CalloutClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JWKS documents by URI, fetched through the gateway's callout rules and kept for the check's
 * {@code cacheMaxAge}. A token whose key id is unknown refetches the document (keys rotate), at
 * most once per {@link #REFETCH_INTERVAL} per URI, so that tokens with made-up key ids cannot make
 * the gateway call the JWKS host at every request. Thread-safe.
 */
final class JwksCache {
    static final Duration REFETCH_INTERVAL = Duration.ofSeconds(30);
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 256;

    /** A document, when it was fetched, and when an unknown key id last made it be fetched again. */
    private record Entry(JWKSet keys, long fetchedAtMillis, long refetchedAtMillis) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final CalloutClient http;
    private final Clock clock;

    JwksCache(CalloutClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** The keys at {@code uri}, from the cache while younger than {@code maxAge}. */
    JWKSet keys(String uri, Duration maxAge) throws IOException {
        Entry entry = entries.get(uri);
        if (entry != null && clock.millis() - entry.fetchedAtMillis() < maxAge.toMillis()) {
            return entry.keys();
        }
        return fetch(uri, Long.MIN_VALUE);
    }

    /**
     * The keys at {@code uri} fetched again for a key id they lack, unless such a refetch happened
     * within the refetch interval.
     */
    JWKSet refreshed(String uri) throws IOException {
        Entry entry = entries.get(uri);
        if (entry != null
                && entry.refetchedAtMillis() != Long.MIN_VALUE
                && clock.millis() - entry.refetchedAtMillis() < REFETCH_INTERVAL.toMillis()) {
            return entry.keys();
        }
        return fetch(uri, clock.millis());
    }

    private JWKSet fetch(String uri, long refetchedAtMillis) throws IOException {
        CalloutClient.Answer answer;
        try {
            answer = http.get(uri, Headers.of("accept", "application/json"), FETCH_TIMEOUT);
        } catch (IOException e) {
            throw new IOException("Failed to fetch JWKS from " + uri + ": " + e.getMessage());
        }
        if (!answer.isSuccessful()) {
            throw new IOException("Failed to fetch JWKS from " + uri);
        }
        JWKSet keys;
        try {
            keys = JWKSet.parse(new String(answer.body(), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IOException("Failed to fetch JWKS from " + uri + ": the document is not a JWK set");
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(uri, new Entry(keys, clock.millis(), refetchedAtMillis));
        return keys;
    }
}
