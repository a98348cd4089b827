package dev.aigateway.core;

import dev.aigateway.core.config.ConfigParser;
import dev.aigateway.core.config.CustomHostValidator;
import dev.aigateway.core.config.RequestSettings;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.internal.GuardedListener;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.internal.pipeline.Pipeline;
import dev.aigateway.core.internal.pipeline.ProviderCall;
import dev.aigateway.core.internal.pipeline.ResponseHeaders;
import dev.aigateway.core.internal.pipeline.RetryInterceptor;
import dev.aigateway.core.internal.routing.Routing;
import dev.aigateway.core.pipeline.CallInterceptor;
import dev.aigateway.core.pipeline.CallRequest;
import dev.aigateway.core.pipeline.Interceptor;
import dev.aigateway.core.pipeline.Sleeper;
import dev.aigateway.core.pipeline.TargetGate;
import dev.aigateway.core.provider.Providers;
import dev.aigateway.core.provider.TransformContext;
import dev.aigateway.core.upstream.OkHttpUpstreamClient;
import dev.aigateway.core.upstream.UpstreamClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * The gateway: takes an OpenAI-format request with Portkey headers, routes it across providers as
 * its config says, and answers in the OpenAI format with Portkey's response headers. Usable
 * directly in a JVM application, with no server:
 *
 * <pre>{@code
 * try (Gateway gateway = Gateway.create()) {
 *     GatewayResponse answer = gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
 *             .config("{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[...]}")
 *             .body("{\"model\":\"gemini-1.5-flash\",\"messages\":[...]}")
 *             .build());
 * }
 * }</pre>
 *
 * <p>Each call runs through two chains: the call chain ({@link Builder#addInterceptor}, then
 * routing), and for each target routing tries, the target chain ({@link
 * Builder#addTargetInterceptor}, retry, {@link Builder#addAttemptInterceptor}, then the provider
 * call). {@link Builder#addEventListener Listeners} hear what happens.
 *
 * <p>{@link #handle} never throws for a bad request: every problem is an answer with a status and a
 * JSON body. Thread-safe; create one, share it, and {@link #close()} it when done.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());

    private final ConfigParser parser;
    private final UpstreamClient upstream;
    private final boolean ownsUpstream;
    private final Clock clock;
    private final List<CallInterceptor> callChain;
    private final List<EventListener.Factory> listeners;
    private final List<AutoCloseable> closeables;
    private volatile boolean closed;

    private Gateway(Builder builder, UpstreamClient upstream, boolean ownsUpstream) {
        this.parser = new ConfigParser(builder.providers, builder.customHosts);
        this.upstream = upstream;
        this.ownsUpstream = ownsUpstream;
        this.clock = builder.clock;
        this.listeners = List.copyOf(builder.listeners);
        List<Interceptor> targetChain = new ArrayList<>(builder.targetInterceptors);
        targetChain.add(new RetryInterceptor(builder.sleeper, builder.clock));
        targetChain.addAll(builder.attemptInterceptors);
        targetChain.add(new ProviderCall(upstream));
        List<CallInterceptor> calls = new ArrayList<>();
        calls.add(new ResponseHeaders());
        calls.addAll(builder.callInterceptors);
        calls.add(new Routing(
                builder.providers,
                targetChain,
                builder.random,
                new TransformContext(builder.clock, builder.ids),
                builder.targetGates));
        this.callChain = List.copyOf(calls);
        this.closeables = closeables(builder);
    }

    /** A gateway with every provider, a shared OkHttp client and real time. */
    public static Gateway create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Prepares what the first requests would otherwise wait for, such as the upstream client's TLS
     * set-up. Optional; it takes a moment, so servers call it from a thread of its own once they
     * listen.
     */
    public void warmUp() {
        upstream.warmUp();
    }

    /** Answers one request. A streaming answer must be read or discarded by the caller. */
    public GatewayResponse handle(GatewayRequest request) {
        String traceId = RequestSettings.traceId(request.headers());
        CallInfo call = new CallInfo(traceId, request.endpoint(), request.path(), clock.instant(), System.nanoTime());
        EventListener listener = GuardedListener.create(listeners, call);
        listener.callStart(call);
        GatewayResponse response;
        try {
            response =
                    closed ? failure(request, 503, "The gateway is shut down", traceId) : run(request, call, listener);
        } catch (GatewayException e) {
            response = failure(request, e.status(), e.getMessage(), traceId);
        } catch (RuntimeException e) {
            // A bug, not bad input: log the type and place only, since messages may quote a body.
            LOG.log(
                    Level.SEVERE,
                    "unexpected failure while handling a request: "
                            + e.getClass().getName() + " at "
                            + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?"));
            response = failure(request, 500, "Something went wrong", traceId);
        }
        return CallEnd.observe(response, call, listener);
    }

    private GatewayResponse run(GatewayRequest request, CallInfo call, EventListener listener) {
        CallRequest callRequest = new CallRequest(
                request.endpoint(),
                request.target(),
                request.headers(),
                request.bodyTree().isPresent() ? new byte[0] : request.body(),
                request.bodyTree(),
                request.rawBody(),
                headers -> RequestSettings.from(headers, request.configTree(), call.traceId(), parser),
                request.cancellation(),
                call,
                listener);
        return Pipeline.call(callChain, callRequest);
    }

    private static GatewayResponse failure(GatewayRequest request, int status, String message, String traceId) {
        return new GatewayResponse.Complete(
                status,
                dev.aigateway.core.http.Headers.of(
                        "content-type", "application/json", dev.aigateway.core.config.PortkeyHeaders.TRACE_ID, traceId),
                Json.bytes(request.endpoint().format().failureBody(status, message)));
    }

    /**
     * Stops the gateway: later calls are answered 503, then its extensions that are
     * {@link AutoCloseable} are closed (the last added first) and the upstream client it made
     * releases its threads and connections. Calls in flight may fail. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(
                        Level.WARNING,
                        "could not close " + closeable.getClass().getName() + ": "
                                + e.getClass().getName());
            }
        }
        if (ownsUpstream) {
            upstream.close();
        }
    }

    private static List<AutoCloseable> closeables(Builder builder) {
        List<Object> all = new ArrayList<>();
        all.addAll(builder.callInterceptors);
        all.addAll(builder.targetInterceptors);
        all.addAll(builder.attemptInterceptors);
        all.addAll(builder.targetGates);
        all.addAll(builder.listeners);
        List<AutoCloseable> closeables = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i) instanceof AutoCloseable closeable && !closeables.contains(closeable)) {
                closeables.add(closeable);
            }
        }
        for (int i = builder.resources.size() - 1; i >= 0; i--) {
            closeables.add(builder.resources.get(i));
        }
        return List.copyOf(closeables);
    }

    /** Configures a {@link Gateway}; every setting has a production default. Not thread-safe. */
    public static final class Builder {
        private Providers providers = Providers.defaults();
        private UpstreamClient upstream;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = RandomGenerator.getDefault();
        private Supplier<String> ids = () -> UUID.randomUUID().toString();
        private CustomHostValidator customHosts = CustomHostValidator.fromEnvironment();
        private final List<CallInterceptor> callInterceptors = new ArrayList<>();
        private final List<Interceptor> targetInterceptors = new ArrayList<>();
        private final List<Interceptor> attemptInterceptors = new ArrayList<>();
        private final List<TargetGate> targetGates = new ArrayList<>();
        private final List<EventListener.Factory> listeners = new ArrayList<>();
        private final List<AutoCloseable> resources = new ArrayList<>();

        private Builder() {}

        public Builder providers(Providers value) {
            this.providers = value;
            return this;
        }

        /**
         * How providers are called; by default an {@link OkHttpUpstreamClient} that connects only
         * to public addresses and to the trusted custom hosts ({@link #customHosts}), made by the
         * gateway and closed with it. A client given here is used as it is: it must do its own
         * address checks, and it is the caller's to close.
         */
        public Builder upstream(UpstreamClient value) {
            this.upstream = value;
            return this;
        }

        /** Waits between retries. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = value;
            return this;
        }

        /** Time for {@code created} fields and {@code retry-after} dates. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Randomness for load balancing. */
        public Builder random(RandomGenerator value) {
            this.random = value;
            return this;
        }

        /** Ids for generated response and tool-call ids. */
        public Builder ids(Supplier<String> value) {
            this.ids = value;
            return this;
        }

        /**
         * The custom-host (SSRF) rules and the hosts they trust; by default the built-in trusted
         * hosts plus {@code TRUSTED_CUSTOM_HOSTS} from the environment. The default upstream client
         * applies the same trust when it checks the addresses it connects to.
         */
        public Builder customHosts(CustomHostValidator value) {
            this.customHosts = value;
            return this;
        }

        /**
         * Trusts {@code hosts} (names or IP literals, e.g. a vLLM server on {@code 10.0.0.7}) as
         * custom hosts and upstream addresses, on top of the built-in {@code localhost},
         * {@code 127.0.0.1}, {@code ::1}, {@code host.docker.internal} and {@code *.localhost}. It
         * replaces the environment's {@code TRUSTED_CUSTOM_HOSTS} list: pass that list here too
         * where both should hold.
         */
        public Builder trustedCustomHosts(Collection<String> hosts) {
            this.customHosts = CustomHostValidator.create(hosts);
            return this;
        }

        /**
         * Adds a link to the call chain, run once per call around routing; links run in the order
         * added. Closed with the gateway when it is {@link AutoCloseable}.
         */
        public Builder addInterceptor(CallInterceptor interceptor) {
            callInterceptors.add(interceptor);
            return this;
        }

        /** Adds a link run once for each target routing tries, around its retries. */
        public Builder addTargetInterceptor(Interceptor interceptor) {
            targetInterceptors.add(interceptor);
            return this;
        }

        /** Adds a link run for each upstream attempt, inside retry, right before the provider call. */
        public Builder addAttemptInterceptor(Interceptor interceptor) {
            attemptInterceptors.add(interceptor);
            return this;
        }

        /**
         * Adds a gate that fallback and loadbalance ask before trying a target, such as a {@link
         * dev.aigateway.core.breaker.CircuitBreaker}; gates are asked in the order added. Closed
         * with the gateway when it is {@link AutoCloseable}.
         */
        public Builder addTargetGate(TargetGate gate) {
            targetGates.add(gate);
            return this;
        }

        /** Adds a listener that hears every call. */
        public Builder addEventListener(EventListener listener) {
            return addEventListenerFactory(new SharedListener(listener));
        }

        /** Adds a factory that makes a listener for each call. */
        public Builder addEventListenerFactory(EventListener.Factory factory) {
            listeners.add(factory);
            return this;
        }

        /**
         * A resource the gateway's extensions share (a Redis connection pool, say), closed with the
         * gateway after the extensions.
         */
        public Builder closeWith(AutoCloseable resource) {
            resources.add(resource);
            return this;
        }

        public Gateway build() {
            boolean owns = upstream == null;
            return new Gateway(this, owns ? OkHttpUpstreamClient.create(customHosts) : upstream, owns);
        }
    }

    /** One listener for every call; closed with the gateway when it is closeable. */
    private record SharedListener(EventListener listener) implements EventListener.Factory, AutoCloseable {
        @Override
        public EventListener create(CallInfo call) {
            return listener;
        }

        @Override
        public void close() {
            if (listener instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException("the listener failed to close", e);
                }
            }
        }
    }
}
