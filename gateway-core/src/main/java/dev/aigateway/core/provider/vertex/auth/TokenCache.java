package dev.aigateway.core.provider.vertex.auth;

import dev.aigateway.core.error.CredentialException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Access tokens per credential, kept until shortly before they expire. When a token is missing or
 * due, one caller fetches it and every concurrent caller for the same credential waits for that one
 * fetch and shares its outcome (token or failure), so a burst of requests costs one token exchange,
 * not one each. A failure is not kept: the next request tries again. Bounded: past its capacity the
 * cache starts over. Thread-safe; the lock is a {@link ReentrantLock}, so that a virtual thread
 * waiting for a fetch does not pin its carrier.
 */
final class TokenCache {
    private final Clock clock;
    private final int capacity;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    TokenCache(Clock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    /** The token for the credential {@code key}, fetched from {@code source} when due. */
    AccessToken token(String key, TokenSource source) {
        if (slots.size() >= capacity && !slots.containsKey(key)) {
            slots.clear();
        }
        return slots.computeIfAbsent(key, k -> new Slot()).token(source);
    }

    /** One credential's token and the fetch under way, if any. */
    private final class Slot {
        private final ReentrantLock lock = new ReentrantLock();
        private volatile AccessToken token;
        /** Guarded by {@link #lock}. */
        private CompletableFuture<AccessToken> inFlight;

        AccessToken token(TokenSource source) {
            AccessToken kept = token;
            if (kept != null && kept.freshAt(clock.instant())) {
                return kept;
            }
            CompletableFuture<AccessToken> fetch;
            boolean fetchHere = false;
            lock.lock();
            try {
                kept = token;
                if (kept != null && kept.freshAt(clock.instant())) {
                    return kept;
                }
                if (inFlight == null) {
                    inFlight = new CompletableFuture<>();
                    fetchHere = true;
                }
                fetch = inFlight;
            } finally {
                lock.unlock();
            }
            if (fetchHere) {
                return fetchInto(fetch, source);
            }
            return outcome(fetch);
        }

        private AccessToken fetchInto(CompletableFuture<AccessToken> fetch, TokenSource source) {
            try {
                AccessToken fetched = source.fetch();
                token = fetched;
                fetch.complete(fetched);
                return fetched;
            } catch (RuntimeException | Error e) {
                fetch.completeExceptionally(e);
                throw e;
            } finally {
                lock.lock();
                try {
                    inFlight = null;
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private static AccessToken outcome(CompletableFuture<AccessToken> fetch) {
        try {
            return fetch.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new CredentialException(502, "the token fetch failed: " + e.getCause());
        }
    }
}
