package dev.aigateway.core.stream;

/**
 * Sees and may change the events of one streaming answer, by wrapping the sink they go to: the
 * returned sink receives every call and decides what reaches {@code next} (forward, change, drop,
 * or hold until {@link ChunkSink#finish}). Holding events is buffering: bound it. Applied with
 * {@link dev.aigateway.core.GatewayResponse.Streaming#withFilter}; one {@link #wrap} per stream.
 */
@FunctionalInterface
public interface EventFilter {
    ChunkSink wrap(ChunkSink next);
}
