package dev.aigateway.server.observability;

import dev.aigateway.core.internal.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends spans to an OpenTelemetry collector over OTLP/HTTP in its JSON encoding, which OTLP/HTTP
 * receivers accept beside protobuf. Calls wait in a bounded queue (a full queue drops the newest:
 * tracing never slows a request) and go in batches from one daemon thread, every {@code
 * OTEL_BSP_SCHEDULE_DELAY} ms or when {@value #BATCH} are waiting. Configured by the standard
 * variables: {@code OTEL_EXPORTER_OTLP_ENDPOINT} (then {@code /v1/traces} is added) or {@code
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (used as it is), {@code OTEL_EXPORTER_OTLP_HEADERS},
 * {@code OTEL_SERVICE_NAME}; {@code OTEL_SDK_DISABLED=true} or {@code OTEL_TRACES_EXPORTER=none}
 * turn it off.
 */
final class OtlpExporter implements AutoCloseable {
    static final int BATCH = 256;
    static final int QUEUE = 4096;
    private static final Logger LOG = Logger.getLogger(OtlpExporter.class.getName());
    private static final MediaType JSON = MediaType.get("application/json");

    private final String url;
    private final Map<String, String> headers;
    private final String serviceName;
    private final long delayMillis;
    private final BlockingQueue<CallRecord> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final OkHttpClient client;
    private final Thread thread;
    private volatile boolean closing;
    private boolean failing; // only the export thread reads and writes it

    OtlpExporter(String url, Map<String, String> headers, String serviceName, long delayMillis) {
        this.url = url;
        this.headers = Map.copyOf(headers);
        this.serviceName = serviceName;
        this.delayMillis = delayMillis;
        this.client =
                new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
        this.thread = new Thread(this::run, "otlp-export");
        thread.setDaemon(true);
        thread.start();
    }

    static Optional<OtlpExporter> fromEnvironment(Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.getOrDefault("OTEL_SDK_DISABLED", ""))
                || "none".equalsIgnoreCase(env.getOrDefault("OTEL_TRACES_EXPORTER", ""))) {
            return Optional.empty();
        }
        String traces =
                env.getOrDefault("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "").strip();
        String base = env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "").strip();
        String url = !traces.isEmpty()
                ? traces
                : base.isEmpty()
                        ? ""
                        : (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces";
        if (url.isEmpty()) {
            return Optional.empty();
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL");
        }
        String protocol = env.getOrDefault("OTEL_EXPORTER_OTLP_PROTOCOL", "");
        if (!protocol.isEmpty() && !protocol.equals("http/json")) {
            LOG.warning("OTEL_EXPORTER_OTLP_PROTOCOL=" + protocol + ": this gateway sends OTLP/HTTP with JSON"
                    + " (http/json), which collectors' OTLP/HTTP receivers accept on the same port (4318)");
        }
        Map<String, String> headers = headers(env.getOrDefault(
                "OTEL_EXPORTER_OTLP_TRACES_HEADERS", env.getOrDefault("OTEL_EXPORTER_OTLP_HEADERS", "")));
        long delay = 5000;
        try {
            delay = Long.parseLong(
                    env.getOrDefault("OTEL_BSP_SCHEDULE_DELAY", "5000").strip());
        } catch (NumberFormatException e) {
            // the default
        }
        return Optional.of(new OtlpExporter(
                url, headers, env.getOrDefault("OTEL_SERVICE_NAME", "aigateway"), Math.max(10, delay)));
    }

    /** {@code key=value,key2=value2}, values URL-encoded, as the OTLP exporter variables say. */
    static Map<String, String> headers(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                headers.put(
                        pair.substring(0, equals).strip(),
                        URLDecoder.decode(pair.substring(equals + 1).strip(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    /** Queues a call's spans; never blocks. */
    void export(CallRecord call) {
        if (!queue.offer(call)) {
            dropped.incrementAndGet();
        }
    }

    private void run() {
        List<CallRecord> batch = new ArrayList<>(BATCH);
        try {
            while (true) {
                CallRecord first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
                while (batch.size() < BATCH && !closing) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    CallRecord next =
                            queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
                    if (next != null) {
                        batch.add(next);
                    }
                }
                queue.drainTo(batch, BATCH - batch.size());
                send(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            // closed and out of time: what is left is dropped
        }
    }

    private void send(List<CallRecord> batch) {
        Request.Builder request = new Request.Builder()
                .url(url)
                .post(RequestBody.create(Json.bytes(SpanJson.request(serviceName, batch)), JSON));
        headers.forEach(request::header);
        try (Response response = client.newCall(request.build()).execute()) {
            if (response.isSuccessful()) {
                failing = false;
            } else {
                failed("HTTP " + response.code());
            }
        } catch (IOException | RuntimeException e) {
            failed(e.getClass().getSimpleName());
        }
    }

    private void failed(String why) {
        if (!failing) {
            failing = true;
            LOG.log(
                    Level.WARNING,
                    "could not export spans to " + url + " (" + why + "); spans are dropped until it"
                            + " answers again");
        }
    }

    /** Calls whose spans were dropped because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    /** Sends what is queued (for up to a few seconds), then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(5000);
            thread.interrupt();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
