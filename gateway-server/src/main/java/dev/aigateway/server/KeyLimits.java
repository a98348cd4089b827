package dev.aigateway.server;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.event.CallResult;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.event.Usage;
import dev.aigateway.core.pipeline.CallInterceptor;
import dev.aigateway.core.state.SharedState;
import dev.aigateway.core.state.SharedStateUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Each gateway key's {@code requests_per_minute} and {@code tokens_per_minute}, in one-minute
 * windows that start with a key's first request (or first tokens) and are kept in the
 * {@link SharedState}: in this process, or in Redis, where every replica counts against the same
 * windows. A call over a limit gets 429 with {@code retry-after}, the time left in the window.
 *
 * <p>Requests are counted when they arrive; tokens when an answer reports its usage (at a stream's
 * end), so a key goes over its token limit by at most the answers in flight, and its next request
 * is refused. When the shared state cannot answer, the limits fail open: requests are served, and a
 * warning is logged once per outage.
 */
final class KeyLimits implements CallInterceptor, EventListener {
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(KeyLimits.class.getName());

    private final SharedState state;
    private final AtomicBoolean failingOpen = new AtomicBoolean();

    KeyLimits(SharedState state) {
        this.state = state;
    }

    @Override
    public GatewayResponse intercept(Chain chain) {
        Optional<GatewayKey> found = chain.request().call().attribute(KeyAccess.KEY);
        if (found.isEmpty() || !found.get().hasLimits()) {
            return chain.proceed(chain.request());
        }
        GatewayKey key = found.get();
        try {
            Optional<GatewayResponse> refusal = refusal(key);
            enforced();
            if (refusal.isPresent()) {
                return refusal.get();
            }
        } catch (SharedStateUnavailableException e) {
            failOpen(e);
        }
        return chain.proceed(chain.request());
    }

    private Optional<GatewayResponse> refusal(GatewayKey key) {
        if (key.requestsPerMinute().isPresent()) {
            long limit = key.requestsPerMinute().getAsLong();
            String counter = counter(key, "requests");
            if (state.increment(counter, 1, WINDOW) > limit) {
                return Optional.of(AccessAnswers.limited(
                        "Rate limit reached for the gateway key '" + key.name() + "': " + limit
                                + " requests per minute.",
                        "requests",
                        state.ttlMillis(counter).orElse(WINDOW.toMillis())));
            }
        }
        if (key.tokensPerMinute().isPresent()) {
            long limit = key.tokensPerMinute().getAsLong();
            String counter = counter(key, "tokens");
            Optional<byte[]> used = state.get(counter);
            if (used.isPresent() && tokens(used.get()) >= limit) {
                return Optional.of(AccessAnswers.limited(
                        "Rate limit reached for the gateway key '" + key.name() + "': " + limit + " tokens per minute.",
                        "tokens",
                        state.ttlMillis(counter).orElse(WINDOW.toMillis())));
            }
        }
        return Optional.empty();
    }

    /** Counts the tokens of a finished call against its key. */
    @Override
    public void callEnd(CallInfo call, CallResult result) {
        Optional<GatewayKey> key = call.attribute(KeyAccess.KEY);
        if (key.isEmpty() || key.get().tokensPerMinute().isEmpty()) {
            return;
        }
        long tokens = tokens(result.usage());
        if (tokens <= 0) {
            return;
        }
        try {
            state.increment(counter(key.get(), "tokens"), tokens, WINDOW);
            enforced();
        } catch (SharedStateUnavailableException e) {
            failOpen(e);
        }
    }

    private static long tokens(Usage usage) {
        return usage.inputTokens().orElse(0) + usage.outputTokens().orElse(0);
    }

    private static long tokens(byte[] digits) {
        try {
            return Long.parseLong(new String(digits, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Names are the operator's labels, not secrets; they are checked to be plain. */
    private static String counter(GatewayKey key, String what) {
        return "limit:key:" + key.name() + ":" + what;
    }

    private void failOpen(SharedStateUnavailableException e) {
        if (failingOpen.compareAndSet(false, true)) {
            LOG.warning("gateway key limits are not enforced while the shared state is unavailable (" + e.getMessage()
                    + "); requests are served");
        } else {
            LOG.log(Level.FINE, "limits not enforced: shared state unavailable");
        }
    }

    private void enforced() {
        if (failingOpen.compareAndSet(true, false)) {
            LOG.info("gateway key limits are enforced again");
        }
    }
}
