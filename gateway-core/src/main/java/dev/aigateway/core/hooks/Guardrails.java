package dev.aigateway.core.hooks;

import dev.aigateway.core.config.CustomHostValidator;
import dev.aigateway.core.config.HookConfig;
import dev.aigateway.core.hooks.checks.DefaultChecks;
import dev.aigateway.core.pipeline.Interceptor;
import dev.aigateway.core.pipeline.LeafRequest;
import dev.aigateway.core.pipeline.LeafResponse;
import dev.aigateway.core.upstream.CalloutClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Portkey's hook engine: runs the hooks and guardrails of a target's config
 * ({@code before_request_hooks}, {@code input_guardrails}, {@code output_mutators}, the
 * default-guardrail headers, ...) around the target's call, with every {@code default.*} check.
 * A target interceptor: it sees each target with its inherited hooks before the target's retries
 * and its answer after them ({@link TargetHooks}). {@code Gateway.builder()} installs one; give
 * your own with {@code Gateway.Builder.guardrails(...)} to add checks or change its clock.
 *
 * <p>Checks that call out ({@code webhook}, {@code log}, {@code jwt}, {@code validUrls}) do so
 * through a {@link CalloutClient} under the custom-host rules. Hooks run at once on a small pool
 * of daemon threads (a saturated pool runs them on the request's thread), and {@code async} hooks
 * on one or two background threads with a bounded queue (past it they are dropped and logged).
 * {@link #close()} stops the threads and the callout client the guardrails made.
 */
public final class Guardrails implements Interceptor, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Guardrails.class.getName());
    static final int MAX_CHECK_THREADS = 64;
    static final int ASYNC_QUEUE = 1000;

    private final HookRunner runner;
    private final Executor background;
    private final ThreadPoolExecutor checkPool;
    private final Optional<ThreadPoolExecutor> asyncPool;
    private final Optional<CalloutClient> ownedClient;

    private Guardrails(Builder builder) {
        this.checkPool = new ThreadPoolExecutor(
                0,
                MAX_CHECK_THREADS,
                30,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                daemons("guardrail-check"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        CalloutClient http = builder.callouts.orElseGet(() -> CalloutClient.create(builder.customHosts));
        this.ownedClient = builder.callouts.isPresent() ? Optional.empty() : Optional.of(http);
        Map<String, Check> checks = new LinkedHashMap<>(DefaultChecks.create(http, builder.clock, checkPool));
        checks.putAll(builder.checks);
        this.runner = new HookRunner(checks, checkPool, builder.clock);
        if (builder.background.isPresent()) {
            this.asyncPool = Optional.empty();
            this.background = builder.background.get();
        } else {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(
                    2,
                    2,
                    30,
                    TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(ASYNC_QUEUE),
                    daemons("guardrail-async"),
                    (task, executor) ->
                            LOG.warning("an async hook was dropped: " + ASYNC_QUEUE + " are waiting already"));
            pool.allowCoreThreadTimeOut(true);
            this.asyncPool = Optional.of(pool);
            this.background = pool;
        }
    }

    /** Guardrails with every default check, the system clock and the environment's trusted hosts. */
    public static Guardrails create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public LeafResponse intercept(Chain chain) {
        LeafRequest request = chain.request();
        Optional<HookConfig> hooks = request.extension(HookConfig.KEY);
        if (hooks.isEmpty() || hooks.get().isEmpty()) {
            return chain.proceed(request);
        }
        return new TargetHooks(this, chain, request, hooks.get()).run();
    }

    HookRunner runner() {
        return runner;
    }

    /** Runs {@code task} in the background; a failure is logged, never thrown at the caller. */
    void background(Runnable task) {
        try {
            background.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(
                            Level.WARNING,
                            "an async hook failed: " + e.getClass().getName());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warning("an async hook was dropped: the guardrails are closed or busy");
        }
    }

    /** Stops the guardrails' threads and the callout client they made. Idempotent. */
    @Override
    public void close() {
        checkPool.shutdownNow();
        asyncPool.ifPresent(ThreadPoolExecutor::shutdownNow);
        ownedClient.ifPresent(CalloutClient::close);
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Configures {@link Guardrails}; every setting has a default. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private CustomHostValidator customHosts = CustomHostValidator.fromEnvironment();
        private Optional<CalloutClient> callouts = Optional.empty();
        private Optional<Executor> background = Optional.empty();
        private final Map<String, Check> checks = new LinkedHashMap<>();

        private Builder() {}

        /** Time for {@code created_at}, {@code execution_time}, JWT expiry and the JWKS cache. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /**
         * The hosts the checks that call out may reach besides public addresses (the same rules as
         * custom hosts); by default {@code localhost} and {@code TRUSTED_CUSTOM_HOSTS}.
         */
        public Builder customHosts(CustomHostValidator value) {
            this.customHosts = value;
            return this;
        }

        /** The client the checks call out with, instead of one the guardrails make and close; the caller closes it. */
        public Builder callouts(CalloutClient value) {
            this.callouts = Optional.of(value);
            return this;
        }

        /** Where {@code async} hooks run; by default two background threads the guardrails own. */
        public Builder background(Executor value) {
            this.background = Optional.of(value);
            return this;
        }

        /**
         * Adds (or replaces) the check a config names {@code id}, e.g. {@code acme.pii}. Ids of the
         * {@code default} namespace replace a built-in check; partner namespaces are refused by the
         * config parser whatever is registered here.
         */
        public Builder check(String id, Check check) {
            if (id.indexOf('.') <= 0) {
                throw new IllegalArgumentException("a check id is <namespace>.<check>, e.g. acme.pii");
            }
            checks.put(id, check);
            return this;
        }

        public Guardrails build() {
            return new Guardrails(this);
        }
    }
}
