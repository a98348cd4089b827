package dev.aigateway.server.observability;

import dev.aigateway.core.Endpoint;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gateway's Prometheus metrics, fed by {@link CallRecord}s (and, for the streams open now,
 * by {@link CallRecorder}'s live hooks). Names follow the OpenTelemetry GenAI conventions where
 * one exists ({@code gen_ai_client_token_usage}, {@code gen_ai_client_operation_duration_seconds},
 * labels {@code gen_ai_provider_name}, {@code gen_ai_request_model}), the rest are {@code
 * gateway_*}; every label has few values: routes and status classes, providers, the config's
 * target places, key names, and at most {@link #MODELS} model names. docs/observability.md lists
 * them. No exemplars: the gateway's traces are its own, not the OpenTelemetry agent's the client
 * would sample from, and sampling cost on every observation.
 */
public final class GatewayMetrics implements CallSink, CallRecorder.StreamWatch {
    /** Distinct model names kept as label values; later ones are counted as {@code other}. */
    static final int MODELS = 200;

    private static final double[] SECONDS = {
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 80, 160, 320
    };
    /** The token buckets the GenAI conventions advise. */
    private static final double[] TOKENS = {
        1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864
    };

    private static final String PROVIDER = "gen_ai_provider_name";
    private static final String MODEL = "gen_ai_request_model";
    private static final String OPERATION = "gen_ai_operation_name";
    private static final String NONE = "none";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final BoundedLabel models = new BoundedLabel(MODELS);
    private final Map<CallLabels, CallSeries> calls = new ConcurrentHashMap<>();

    private final Counter requests = Counter.builder()
            .name("gateway_requests_total")
            .help("Requests answered, by route, the provider that answered, status class, whether another target"
                    + " was tried first, and gateway key name")
            .labelNames("route", PROVIDER, "status_class", "fallback", "gateway_key")
            .withoutExemplars()
            .register(registry);
    private final Histogram requestDuration = Histogram.builder()
            .name("gateway_request_duration_seconds")
            .help("From a request's arrival to its answer's last byte (a stream's end)")
            .labelNames("route", "status_class")
            .classicOnly()
            .classicUpperBounds(SECONDS)
            .withoutExemplars()
            .register(registry);
    private final Histogram attemptDuration = Histogram.builder()
            .name("gen_ai_client_operation_duration_seconds")
            .help("One upstream attempt, until the provider's answer (a stream's headers) or the failure")
            .labelNames(OPERATION, PROVIDER, MODEL, "error_type")
            .classicOnly()
            .classicUpperBounds(SECONDS)
            .withoutExemplars()
            .register(registry);
    private final Histogram tokens = Histogram.builder()
            .name("gen_ai_client_token_usage")
            .help("Tokens per answer, input (cached included) and output (reasoning included)")
            .labelNames(OPERATION, PROVIDER, MODEL, "gen_ai_token_type")
            .classicOnly()
            .classicUpperBounds(TOKENS)
            .withoutExemplars()
            .register(registry);
    private final Histogram firstToken = Histogram.builder()
            .name("gen_ai_server_time_to_first_token_seconds")
            .help("For streams: from the request's arrival to the first event sent to the caller")
            .labelNames(OPERATION, PROVIDER, MODEL)
            .classicOnly()
            .classicUpperBounds(SECONDS)
            .withoutExemplars()
            .register(registry);
    private final Counter retries = Counter.builder()
            .name("gateway_retries_total")
            .help("Upstream attempts that were retries of a target, by that target's provider")
            .labelNames("route", PROVIDER)
            .withoutExemplars()
            .register(registry);
    private final Counter fallbacks = Counter.builder()
            .name("gateway_fallbacks_total")
            .help("Requests a target answered (below 400) after another was tried, by the answering target's"
                    + " index in its strategy")
            .labelNames("route", "target_index")
            .withoutExemplars()
            .register(registry);
    private final Gauge activeStreams = Gauge.builder()
            .name("gateway_active_streams")
            .help("Streams being sent to callers now")
            .labelNames("route")
            .register(registry);
    private final Counter cost = Counter.builder()
            .name("gateway_cost_usd_total")
            .help("What the answers cost at the price table's prices, in US dollars")
            .labelNames(PROVIDER, MODEL, "gateway_key")
            .withoutExemplars()
            .register(registry);
    private final Counter unpriced = Counter.builder()
            .name("gateway_cost_unknown_total")
            .help("Successful answers whose cost is unknown: a model without a price, or no usage reported")
            .labelNames(PROVIDER, MODEL)
            .withoutExemplars()
            .register(registry);
    private final Counter cacheLookups = Counter.builder()
            .name("gateway_cache_lookups_total")
            .help("Response cache decisions: HIT, SEMANTIC HIT, MISS, REFRESH")
            .labelNames("route", "status")
            .withoutExemplars()
            .register(registry);
    private final Counter breakerHeld = Counter.builder()
            .name("gateway_circuit_breaker_held_total")
            .help("Targets a circuit breaker held back because they were open, by provider")
            .labelNames(PROVIDER)
            .withoutExemplars()
            .register(registry);

    public GatewayMetrics() {}

    /** Writes every metric in Prometheus' text format (version 0.0.4). */
    public void scrape(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    public String contentType() {
        return writer.getContentType();
    }

    @Override
    public void accept(CallRecord call) {
        String provider = call.provider().orElse(NONE);
        String model = models.of(call.model().orElse(NONE));
        CallLabels labels = new CallLabels(
                call.endpoint(),
                provider,
                model,
                call.statusClass(),
                call.fallback(),
                call.key().orElse(""));
        CallSeries series = calls.get(labels); // a plain read first: computeIfAbsent may lock
        if (series == null) {
            series = calls.computeIfAbsent(labels, CallSeries::new);
        }
        series.requests.inc();
        series.duration.observe(call.durationNanos() / 1e9);
        for (CallRecord.Attempt attempt : call.attempts()) {
            attemptPoint(series, call, attempt).observe(attempt.durationNanos() / 1e9);
            if (attempt.attempt() > 0) {
                retries.labelValues(series.route, attempt.provider()).inc();
            }
        }
        if (call.usage().inputTokens().isPresent()) {
            series.inputTokens.get().observe(call.usage().inputTokens().getAsLong());
        }
        if (call.usage().outputTokens().isPresent()) {
            series.outputTokens.get().observe(call.usage().outputTokens().getAsLong());
        }
        if (call.firstEventNanos().isPresent()) {
            series.firstToken.get().observe(call.firstEventNanos().getAsLong() / 1e9);
        }
        if (call.fallback() && call.answeredBy().isPresent() && call.status() < 400) {
            fallbacks
                    .labelValues(series.route, targetIndex(call.answeredBy().get()))
                    .inc();
        }
        if (call.cacheStatus().isPresent()) {
            cacheLookups.labelValues(series.route, call.cacheStatus().get()).inc();
        }
        if (call.cost().isPresent()) {
            series.cost.get().inc(call.cost().getAsDouble());
        } else {
            series.unpriced.get().inc();
        }
    }

    /** The duration data point of one attempt: the call's own when it is the answer that succeeded. */
    private DistributionDataPoint attemptPoint(CallSeries series, CallRecord call, CallRecord.Attempt attempt) {
        boolean failed = attempt.error().isPresent() || attempt.status() >= 400;
        if (!failed
                && attempt.provider().equals(series.provider)
                && call.model().isPresent()
                && call.model().get().equals(attempt.model())) {
            return series.answered.get();
        }
        String error = attempt.error().orElse(attempt.status() >= 400 ? Integer.toString(attempt.status()) : "");
        return attemptDuration.labelValues(series.operation, attempt.provider(), models.of(attempt.model()), error);
    }

    /** What the metrics of a finished call are labelled by, but its attempts. */
    private record CallLabels(
            Endpoint endpoint, String provider, String model, String statusClass, boolean fallback, String key) {}

    /**
     * The data points one kind of call feeds, looked up in one map rather than in each metric's
     * (a label lookup per metric was most of the metrics' cost per call), the answering attempt's
     * duration among them. Those a call may not feed are made when one first does, so that the
     * scrape shows no empty series.
     */
    private final class CallSeries {
        final String route;
        final String operation;
        final String provider;
        final CounterDataPoint requests;
        final DistributionDataPoint duration;
        final Lazy<DistributionDataPoint> inputTokens;
        final Lazy<DistributionDataPoint> outputTokens;
        final Lazy<DistributionDataPoint> firstToken;
        final Lazy<CounterDataPoint> cost;
        final Lazy<CounterDataPoint> unpriced;
        /** An attempt's duration, for the attempt that answered without an error. */
        final Lazy<DistributionDataPoint> answered;

        CallSeries(CallLabels labels) {
            provider = labels.provider();
            String model = labels.model();
            route = CallRecord.route(labels.endpoint());
            operation = CallRecord.operation(labels.endpoint());
            requests = GatewayMetrics.this.requests.labelValues(
                    route, provider, labels.statusClass(), Boolean.toString(labels.fallback()), labels.key());
            duration = requestDuration.labelValues(route, labels.statusClass());
            inputTokens = new Lazy<>(() -> tokens.labelValues(operation, provider, model, "input"));
            outputTokens = new Lazy<>(() -> tokens.labelValues(operation, provider, model, "output"));
            firstToken = new Lazy<>(() -> GatewayMetrics.this.firstToken.labelValues(operation, provider, model));
            cost = new Lazy<>(() -> GatewayMetrics.this.cost.labelValues(provider, model, labels.key()));
            unpriced = new Lazy<>(() -> GatewayMetrics.this.unpriced.labelValues(provider, model));
            answered = new Lazy<>(() -> attemptDuration.labelValues(operation, provider, model, ""));
        }
    }

    /**
     * A data point made when first needed. Two threads may make it at once; both get the same one,
     * since the metric keeps one per label values.
     */
    private static final class Lazy<P> {
        private final Supplier<P> make;
        private volatile P point;

        Lazy(Supplier<P> make) {
            this.make = make;
        }

        P get() {
            P made = point;
            return made != null ? made : (point = make.get());
        }
    }

    /** An answer the server gave without the gateway (404, 413, 503 when overloaded ...). */
    public void serverAnswer(String route, int status) {
        requests.labelValues(route, NONE, CallRecord.statusClass(status), "false", "")
                .inc();
    }

    /** A circuit breaker held {@code provider}'s target back. */
    public void breakerHeld(String provider) {
        breakerHeld.labelValues(provider).inc();
    }

    @Override
    public void streamOpened(String route) {
        activeStreams.labelValues(route).inc();
    }

    @Override
    public void streamClosed(String route) {
        activeStreams.labelValues(route).dec();
    }

    /** The last index of a target's place: {@code config.targets[0].targets[2]} is {@code 2}. */
    static String targetIndex(String target) {
        int open = target.lastIndexOf('[');
        int close = target.lastIndexOf(']');
        return open >= 0 && close > open ? target.substring(open + 1, close) : "0";
    }
}
