/**
 * Internal: the gateway's own machinery (the shared JSON mapper, error bodies, bounded caches, the
 * routing engine in {@code internal.routing}, the built-in chain links in {@code internal.pipeline},
 * address checks in {@code internal.net}). Not API: anything here may change in any release, and
 * the published Javadoc leaves it out. Extend the gateway through {@code dev.aigateway.core}'s
 * builder, the interceptors of {@code core.pipeline}, the listener of {@code core.event} and the
 * provider SPI of {@code core.provider}.
 */
package dev.aigateway.core.internal;
