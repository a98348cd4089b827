package dev.aigateway.core.event;

/** What a response cache did for one target, as {@code x-portkey-cache-status} says it. */
public enum CacheStatus {
    /** The same request was answered before: served from the cache, no upstream call. */
    HIT("HIT"),
    /** A prompt close enough to an earlier one (semantic mode): served from the cache. */
    SEMANTIC_HIT("SEMANTIC HIT"),
    /** Nothing cached: the upstream answered, and a complete success was stored. */
    MISS("MISS"),
    /** {@code x-portkey-cache-force-refresh}: the read was skipped, the new answer stored. */
    REFRESH("REFRESH");

    private final String headerValue;

    CacheStatus(String headerValue) {
        this.headerValue = headerValue;
    }

    /** The value of {@code x-portkey-cache-status}. */
    public String headerValue() {
        return headerValue;
    }

    /** Whether the answer came from the cache. */
    public boolean hit() {
        return this == HIT || this == SEMANTIC_HIT;
    }
}
