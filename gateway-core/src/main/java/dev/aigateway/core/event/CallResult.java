package dev.aigateway.core.event;

import java.time.Duration;
import java.util.Optional;

/**
 * How a call ended, for {@link EventListener#callEnd}.
 *
 * @param status the status the caller got
 * @param duration from the call's start to its last byte (a stream's end)
 * @param targetPath the target whose answer the caller got, when one answered
 * @param provider that target's provider
 * @param retries {@code x-portkey-retry-attempt-count} of that answer
 * @param usage the tokens the answer reported
 * @param streamed whether the answer was a stream
 * @param complete false when a stream ended with an error or the caller left before its end
 */
public record CallResult(
        int status,
        Duration duration,
        Optional<String> targetPath,
        Optional<String> provider,
        int retries,
        Usage usage,
        boolean streamed,
        boolean complete) {}
