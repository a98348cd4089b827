package dev.aigateway.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.config.ConfigParser;
import dev.aigateway.core.config.CustomHostValidator;
import dev.aigateway.core.config.PortkeyHeaders;
import dev.aigateway.core.config.RequestSettings;
import dev.aigateway.core.error.ErrorBodies;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.json.Json;
import dev.aigateway.core.pipeline.ProviderCall;
import dev.aigateway.core.pipeline.RetryInterceptor;
import dev.aigateway.core.pipeline.Sleeper;
import dev.aigateway.core.provider.Providers;
import dev.aigateway.core.provider.TransformContext;
import dev.aigateway.core.routing.RoutedResponse;
import dev.aigateway.core.routing.Router;
import dev.aigateway.core.upstream.OkHttpUpstreamClient;
import dev.aigateway.core.upstream.UpstreamClient;
import java.io.IOException;
import java.time.Clock;
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
 * Gateway gateway = Gateway.create();
 * GatewayResponse answer = gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
 *         .config("{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[...]}")
 *         .body("{\"model\":\"gemini-1.5-flash\",\"messages\":[...]}")
 *         .build());
 * }</pre>
 *
 * {@link #handle} never throws for a bad request: every problem is an answer with a status and a
 * JSON body. Thread-safe; create one and share it.
 */
public final class Gateway {
    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());

    /**
     * Honoured by OpenAI's SDKs: {@code false} stops their own retries on top of the gateway's
     * once the config's retries or fallbacks are spent.
     */
    static final String SHOULD_RETRY = "x-should-retry";

    private final ConfigParser parser;
    private final Router router;
    private final UpstreamClient upstream;

    private Gateway(Builder builder) {
        this.parser = new ConfigParser(builder.providers, builder.customHosts);
        this.upstream = builder.upstream;
        TransformContext context = new TransformContext(builder.clock, builder.ids);
        this.router = new Router(
                builder.providers,
                List.of(new RetryInterceptor(builder.sleeper, builder.clock), new ProviderCall(builder.upstream)),
                builder.random,
                context);
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
        String traceId = request.headers().first(PortkeyHeaders.TRACE_ID).orElse("");
        try {
            RequestSettings settings = RequestSettings.from(request.headers(), parser);
            traceId = settings.traceId();
            ObjectNode params = parseBody(request.body());
            RoutedResponse routed = router.route(request, settings, params);
            return routed.response().withHeaders(portkeyHeaders(routed, settings.traceId()));
        } catch (GatewayException e) {
            return failure(e.status(), e.getMessage(), traceId);
        } catch (RuntimeException e) {
            // A bug, not bad input: log the type and place only, since messages may quote a body.
            LOG.log(
                    Level.SEVERE,
                    "unexpected failure while handling a request: "
                            + e.getClass().getName() + " at "
                            + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?"));
            return failure(500, "Something went wrong", traceId);
        }
    }

    private static ObjectNode parseBody(byte[] body) {
        if (body.length == 0) {
            throw GatewayException.badRequest("The request body is empty; expected a JSON object");
        }
        JsonNode node;
        try {
            node = Json.parse(body);
        } catch (IOException e) {
            throw GatewayException.badRequest("The request body is not valid JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            throw GatewayException.badRequest("The request body must be a JSON object");
        }
        return object;
    }

    private static Headers portkeyHeaders(RoutedResponse routed, String traceId) {
        Headers.Builder headers = routed.response().headers().newBuilder();
        if (routed.gatewayException()) {
            return headers.set(PortkeyHeaders.TRACE_ID, traceId).build();
        }
        headers.set(PortkeyHeaders.LAST_USED_OPTION_INDEX, routed.path().value())
                .set(PortkeyHeaders.RETRY_ATTEMPT_COUNT, Integer.toString(routed.retryAttemptCount()))
                .set(PortkeyHeaders.TRACE_ID, traceId)
                .set(PortkeyHeaders.CACHE_STATUS, "DISABLED");
        routed.provider().ifPresent(provider -> headers.set(PortkeyHeaders.PROVIDER, provider));
        if (routed.strategyExhausted()) {
            headers.set(SHOULD_RETRY, "false");
        }
        return headers.build();
    }

    private static GatewayResponse failure(int status, String message, String traceId) {
        Headers.Builder headers = Headers.builder().set("content-type", "application/json");
        if (!traceId.isEmpty()) {
            headers.set(PortkeyHeaders.TRACE_ID, traceId);
        }
        return new GatewayResponse.Complete(status, headers.build(), Json.bytes(ErrorBodies.failure(message)));
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

        private Builder() {}

        public Builder providers(Providers value) {
            this.providers = value;
            return this;
        }

        /**
         * How providers are called; by default one shared {@link OkHttpUpstreamClient} that connects
         * only to public addresses and to the trusted custom hosts ({@link #customHosts}). A client
         * given here is used as it is: it must do its own address checks.
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

        public Gateway build() {
            if (upstream == null) {
                upstream = OkHttpUpstreamClient.create(customHosts);
            }
            return new Gateway(this);
        }
    }
}
