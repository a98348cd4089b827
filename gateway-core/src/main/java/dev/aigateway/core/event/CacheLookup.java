package dev.aigateway.core.event;

/**
 * A response cache's decision for one target of a call.
 *
 * @param target where the target sits in the config, e.g. {@code config.targets[1]}
 * @param provider the target's provider slug
 * @param mode the cache mode, {@code simple} or {@code semantic}
 */
public record CacheLookup(String target, String provider, String mode, CacheStatus status) {}
