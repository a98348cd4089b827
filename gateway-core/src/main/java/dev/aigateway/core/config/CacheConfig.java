package dev.aigateway.core.config;

import java.util.OptionalLong;

/**
 * A node's {@code cache}. Parsed and validated for compatibility; responses are not cached yet, so
 * {@code x-portkey-cache-status} is {@code DISABLED}.
 */
public record CacheConfig(String mode, OptionalLong maxAgeSeconds) {}
