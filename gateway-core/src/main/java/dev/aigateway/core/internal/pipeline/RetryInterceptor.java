package dev.aigateway.core.internal.pipeline;

import dev.aigateway.core.config.RetryConfig;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.pipeline.Interceptor;
import dev.aigateway.core.pipeline.LeafRequest;
import dev.aigateway.core.pipeline.LeafResponse;
import dev.aigateway.core.pipeline.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * Retries a leaf call as Portkey does: up to {@code attempts} extra calls when the status is one to
 * retry or the upstream could not be reached, waiting 1, 2, 4, 8, 16 s. With
 * {@code use_retry_after_header}, a 429's {@code retry-after-ms}, {@code x-ms-retry-after-ms} or
 * {@code retry-after} (seconds or an HTTP date) replaces the backoff of that retry, within a 60 s
 * budget shared by this target's retries; a wait beyond the budget ends retrying at once with the
 * 429 (count -1). Later retries without such a header back off as usual.
 */
public final class RetryInterceptor implements Interceptor {
    static final long RETRY_AFTER_BUDGET_MILLIS = 60_000;

    private final Sleeper sleeper;
    private final Clock clock;

    public RetryInterceptor(Sleeper sleeper, Clock clock) {
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public LeafResponse intercept(Chain chain) {
        LeafRequest request = chain.request();
        RetryConfig retry = request.retry();
        long budget = RETRY_AFTER_BUDGET_MILLIS;
        int retries = 0;
        while (true) {
            LeafRequest attempt = request.withAttempt(retries);
            LeafResponse response = chain.proceed(attempt);
            int status = response.response().status();
            boolean retriable = response.unreachable() || retry.onStatusCodes().contains(status);
            if (!retriable || retry.attempts() == 0) {
                return response.withRetryAttemptCount(retries);
            }
            if (retries >= retry.attempts()) {
                return response.withRetryAttemptCount(-1);
            }
            Duration delay = backoff(retries + 1);
            if (retry.useRetryAfterHeader() && status == 429) {
                OptionalLong retryAfter = retryAfterMillis(response.response().headers());
                if (retryAfter.isPresent()) {
                    if (retryAfter.getAsLong() >= RETRY_AFTER_BUDGET_MILLIS || retryAfter.getAsLong() > budget) {
                        return response.withRetryAttemptCount(-1);
                    }
                    budget -= retryAfter.getAsLong();
                    delay = Duration.ofMillis(retryAfter.getAsLong());
                }
            }
            if (request.cancellation().isCancelled()) {
                return response.withRetryAttemptCount(retries);
            }
            if (request.listener() != EventListener.NONE) {
                request.listener().retry(request.call(), attempt.attemptInfo(), delay);
            }
            if (!sleep(delay)) {
                return response.withRetryAttemptCount(retries);
            }
            response.response().discard();
            retries++;
        }
    }

    /** The wait before retry number {@code retry} (1-based): 1 s, 2 s, 4 s, ... */
    static Duration backoff(int retry) {
        return Duration.ofSeconds(1L << Math.min(retry - 1, 30));
    }

    /** The wait a 429 asks for, in milliseconds, from the first header present. */
    OptionalLong retryAfterMillis(Headers headers) {
        for (String name : new String[] {"retry-after-ms", "x-ms-retry-after-ms"}) {
            OptionalLong millis = millis(headers.value(name), 1);
            if (millis.isPresent()) {
                return millis;
            }
        }
        String retryAfter = headers.value("retry-after");
        if (retryAfter == null) {
            return OptionalLong.empty();
        }
        OptionalLong seconds = millis(retryAfter, 1000);
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            long at = ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
            return OptionalLong.of(Math.max(0, at - clock.millis()));
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }

    /** A non-negative number in a header, times {@code millisPerUnit}, rounded up to whole ms. */
    private static OptionalLong millis(String value, long millisPerUnit) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            double parsed = Double.parseDouble(value.strip()) * millisPerUnit;
            return parsed >= 0 && !Double.isInfinite(parsed)
                    ? OptionalLong.of((long) Math.ceil(parsed))
                    : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private boolean sleep(Duration delay) {
        try {
            sleeper.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
