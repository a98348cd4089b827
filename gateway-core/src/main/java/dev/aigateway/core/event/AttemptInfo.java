package dev.aigateway.core.event;

/**
 * One upstream attempt: a target tried once.
 *
 * @param targetPath where the target sits in the config, as {@code x-portkey-last-used-option-index}
 *     names it ({@code config.targets[1]})
 * @param provider the provider slug
 * @param model the request's {@code model} after the target's overrides, or {@code ""}
 * @param url the upstream URL without its query, which may hold credentials
 * @param attempt 0 for the first try of this target, 1 for its first retry, ...
 * @param stream whether a stream was asked for
 */
public record AttemptInfo(String targetPath, String provider, String model, String url, int attempt, boolean stream) {}
