package dev.aigateway.server.observability;

import dev.aigateway.core.event.AttemptInfo;
import dev.aigateway.core.event.CacheLookup;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.event.CallResult;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.event.Usage;
import dev.aigateway.core.upstream.UpstreamTimeoutException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The one event listener behind the access log, the metrics, the console and the traces: it keeps
 * each call's attempts, first event, retries and cache decision, and when the call ends makes a
 * {@link CallRecord} (with its cost from the {@link PriceTable}) and hands it to every {@link
 * CallSink}. One {@link Recording} per call, reachable by the call's links through {@link #of}.
 */
public final class CallRecorder implements EventListener.Factory {
    static final CallInfo.Attribute<Recording> RECORDING =
            CallInfo.Attribute.of("observability.recording", Recording.class);

    private final List<CallSink> sinks;
    private final PriceTable prices;
    private final Function<CallInfo, Optional<String>> keyName;
    private final Function<CallInfo, Optional<String>> configName;
    private final StreamWatch streams;

    /**
     * @param keyName the name of the gateway key that made a call (never the key), read from the
     *     attributes the server's key check leaves
     * @param configName the named config that routed a call
     * @param streams hears streams open and close, as they do
     */
    public CallRecorder(
            List<CallSink> sinks,
            PriceTable prices,
            Function<CallInfo, Optional<String>> keyName,
            Function<CallInfo, Optional<String>> configName,
            StreamWatch streams) {
        this.streams = streams;
        this.sinks = List.copyOf(sinks);
        this.prices = prices;
        this.keyName = keyName;
        this.configName = configName;
    }

    @Override
    public EventListener create(CallInfo call) {
        Recording recording = new Recording(call);
        call.setAttribute(RECORDING, recording);
        return recording;
    }

    /** The recording of {@code call}, when a recorder listens to it. */
    static Optional<Recording> of(CallInfo call) {
        return call.attribute(RECORDING);
    }

    /** What one call did so far. Thread-safe: hedged targets report from their own threads. */
    final class Recording implements EventListener {
        private final CallInfo call;
        private final List<Pending> attempts = new ArrayList<>(2);
        private Map<String, String> spanIds = Map.of(); // a HashMap once a trace assigns one
        private Optional<String> firstTarget = Optional.empty();
        private boolean severalTargets;
        private long firstEventNanos = -1;
        private int retries;
        private volatile Optional<String> cacheStatus = Optional.empty();
        private Priced priced; // the last cost worked out, which the call's record reuses
        private Optional<String> requestBody = Optional.empty();
        private Optional<String> responseBody = Optional.empty();

        Recording(CallInfo call) {
            this.call = call;
        }

        /** A trace's span id for an attempt about to start, keyed as the attempt will be. */
        synchronized void assignSpan(String target, int attempt, String spanId) {
            if (spanIds.isEmpty()) {
                spanIds = new HashMap<>(4);
            }
            spanIds.put(target + "#" + attempt, spanId);
        }

        synchronized void bodies(Optional<String> request, Optional<String> response) {
            requestBody = request;
            responseBody = response;
        }

        /** Whether a response cache answered the call. */
        boolean cacheHit() {
            Optional<String> status = cacheStatus;
            return status.isPresent() && status.get().endsWith("HIT");
        }

        /**
         * What an answer cost: 0 for an error or a cache hit, else the price of its usage when the
         * provider and model are known. The cost header and the call's record ask with the same
         * facts; the second gets the first's answer.
         */
        synchronized OptionalDouble cost(int status, Optional<String> provider, Optional<String> model, Usage usage) {
            Priced last = priced;
            if (last != null && last.of(status, provider, model, usage)) {
                return last.cost();
            }
            OptionalDouble cost;
            if (status / 100 != 2 || cacheHit()) {
                cost = OptionalDouble.of(0);
            } else if (provider.isEmpty() || model.isEmpty()) {
                cost = OptionalDouble.empty();
            } else {
                cost = prices.cost(provider.get(), model.get(), usage);
            }
            priced = new Priced(status, provider, model, usage, cost);
            return cost;
        }

        /** The provider and model of the latest attempt at {@code target}. */
        synchronized Optional<AttemptInfo> attemptAt(String target) {
            for (int i = attempts.size() - 1; i >= 0; i--) {
                if (attempts.get(i).info.targetPath().equals(target)) {
                    return Optional.of(attempts.get(i).info);
                }
            }
            return Optional.empty();
        }

        @Override
        public synchronized void attemptStart(CallInfo call, AttemptInfo attempt) {
            Optional<String> spanId = spanIds.isEmpty()
                    ? Optional.empty()
                    : Optional.ofNullable(spanIds.get(attempt.targetPath() + "#" + attempt.attempt()));
            attempts.add(new Pending(attempt, System.nanoTime(), spanId));
            tried(attempt.targetPath());
        }

        @Override
        public synchronized void attemptEnd(CallInfo call, AttemptInfo attempt, int status) {
            open(attempt).ifPresent(pending -> pending.end(status, Optional.empty()));
        }

        @Override
        public synchronized void attemptFailed(CallInfo call, AttemptInfo attempt, IOException cause) {
            open(attempt).ifPresent(pending -> pending.end(0, Optional.of(errorType(cause))));
        }

        @Override
        public synchronized void retry(CallInfo call, AttemptInfo attempt, Duration delay) {
            retries++;
        }

        @Override
        public synchronized void firstEvent(CallInfo call, AttemptInfo attempt) {
            if (firstEventNanos < 0) {
                firstEventNanos = System.nanoTime();
                streams.streamOpened(CallRecord.route(call.endpoint()));
            }
        }

        @Override
        public synchronized void cacheLookup(CallInfo call, CacheLookup lookup) {
            cacheStatus = Optional.of(lookup.status().headerValue());
            tried(lookup.target());
        }

        /** The attempt still waiting for its answer, by identity (a call makes few). */
        private Optional<Pending> open(AttemptInfo attempt) {
            for (int i = attempts.size() - 1; i >= 0; i--) {
                Pending pending = attempts.get(i);
                if (pending.info == attempt && pending.durationNanos < 0) {
                    return Optional.of(pending);
                }
            }
            return Optional.empty();
        }

        private void tried(String target) {
            if (firstTarget.isEmpty()) {
                firstTarget = Optional.of(target);
            } else if (!firstTarget.get().equals(target)) {
                severalTargets = true;
            }
        }

        @Override
        public void callEnd(CallInfo call, CallResult result) {
            CallRecord record = record(result);
            if (record.firstEventNanos().isPresent()) {
                streams.streamClosed(record.route());
            }
            for (CallSink sink : sinks) {
                sink.accept(record);
            }
        }

        private synchronized CallRecord record(CallResult result) {
            List<CallRecord.Attempt> done = new ArrayList<>(attempts.size());
            for (Pending pending : attempts) {
                done.add(pending.record());
            }
            Optional<AttemptInfo> answering = result.targetPath().flatMap(this::attemptAt);
            Optional<String> model = answering.map(AttemptInfo::model).filter(m -> !m.isEmpty());
            Optional<String> provider = result.provider().or(() -> answering.map(AttemptInfo::provider));
            return new CallRecord(
                    call.traceId(),
                    call.endpoint(),
                    CallRecord.route(call.endpoint()),
                    call.startedAt(),
                    call.startNanos(),
                    result.status(),
                    result.duration().toNanos(),
                    firstEventNanos < 0 ? OptionalLong.empty() : OptionalLong.of(firstEventNanos - call.startNanos()),
                    List.copyOf(done),
                    result.targetPath(),
                    provider,
                    model,
                    result.usage(),
                    cacheStatus,
                    cost(result.status(), provider, model, result.usage()),
                    severalTargets,
                    retries,
                    result.streamed(),
                    result.complete(),
                    keyName.apply(call),
                    configName.apply(call),
                    requestBody,
                    responseBody,
                    call.attribute(Tracing.TRACE));
        }
    }

    private static String errorType(IOException cause) {
        if (cause instanceof UpstreamTimeoutException || cause instanceof SocketTimeoutException) {
            return "timeout";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown_host";
        }
        return "connection_failed";
    }

    /** A cost and what it was worked out from; usages compare by identity (a call's are memoised). */
    private record Priced(
            int status, Optional<String> provider, Optional<String> model, Usage usage, OptionalDouble cost) {
        boolean of(int status, Optional<String> provider, Optional<String> model, Usage usage) {
            return this.status == status
                    && this.usage == usage
                    && this.provider.equals(provider)
                    && this.model.equals(model);
        }
    }

    /** Hears the streams sent to callers begin and end, for a count of those open now. */
    public interface StreamWatch {
        StreamWatch NONE = new StreamWatch() {
            @Override
            public void streamOpened(String route) {}

            @Override
            public void streamClosed(String route) {}
        };

        void streamOpened(String route);

        void streamClosed(String route);
    }

    /** An attempt that began; ended once its answer's headers (or its failure) arrived. */
    private static final class Pending {
        final AttemptInfo info;
        final long startNanos;
        final Optional<String> spanId;
        long durationNanos = -1;
        int status;
        Optional<String> error = Optional.empty();

        Pending(AttemptInfo info, long startNanos, Optional<String> spanId) {
            this.info = info;
            this.startNanos = startNanos;
            this.spanId = spanId;
        }

        void end(int status, Optional<String> error) {
            this.durationNanos = System.nanoTime() - startNanos;
            this.status = status;
            this.error = error;
        }

        CallRecord.Attempt record() {
            long duration = durationNanos >= 0 ? durationNanos : System.nanoTime() - startNanos;
            Optional<String> failure = durationNanos >= 0 ? error : Optional.of("cancelled");
            return new CallRecord.Attempt(
                    info.targetPath(),
                    info.provider(),
                    info.model(),
                    info.attempt(),
                    status,
                    failure,
                    startNanos,
                    duration,
                    spanId);
        }
    }
}
