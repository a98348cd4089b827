package dev.aigateway.core.upstream;

import dev.aigateway.core.Cancellation;
import dev.aigateway.core.config.CustomHostValidator;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.BoundedCache;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The {@link UpstreamClient} on one shared OkHttp client: pooled keep-alive connections, synchronous
 * calls on the request's own thread, a per-attempt deadline that cancels the call, and cancellation
 * when the caller goes away. Thread-safe.
 */
public final class OkHttpUpstreamClient implements UpstreamClient {
    /** Error bodies are read up to this size; the rest is dropped. */
    static final int MAX_ERROR_BODY = 1 << 20;

    private static final MediaType JSON = MediaType.get("application/json");

    /**
     * How long a call may go without progress before it is cut: the whole wait for a complete
     * answer, the silence within a stream.
     */
    static final Duration STALL_LIMIT = Duration.ofMinutes(10);

    private final OkHttpClient plainClient;
    private final Future<OkHttpClient> withTls;
    private final ScheduledExecutorService deadlines;
    private final StallGuard stalls;
    private final UpstreamAddressGuard addresses;
    /** Whether the OkHttp client, its pool and its dispatcher are this client's to shut down. */
    private final boolean ownsClient;
    /** Upstream URLs as OkHttp parsed them; parsing one cost more than the rest of setting up a call. */
    private final BoundedCache<String, HttpUrl> urls = new BoundedCache<>(1024);

    /**
     * A client on {@code client} (sharing its pool and dispatcher) whose resolver is wrapped in the
     * address guard.
     */
    static OkHttpUpstreamClient wrapping(OkHttpClient client, StallGuard stalls, CustomHostValidator trusted) {
        UpstreamAddressGuard addresses = new UpstreamAddressGuard(trusted, client.dns());
        OkHttpClient guarded = client.newBuilder().dns(addresses).build();
        return new OkHttpUpstreamClient(guarded, CompletableFuture.completedFuture(guarded), stalls, addresses, false);
    }

    /**
     * @param plainClient serves {@code http} URLs
     * @param withTls serves {@code https} URLs; a {@link FutureTask} is run by the first that needs it
     * @param addresses the resolver of both clients, which also checks IP literals before a call
     */
    private OkHttpUpstreamClient(
            OkHttpClient plainClient,
            Future<OkHttpClient> withTls,
            StallGuard stalls,
            UpstreamAddressGuard addresses,
            boolean ownsClient) {
        this.plainClient = plainClient;
        this.ownsClient = ownsClient;
        this.withTls = withTls;
        this.stalls = stalls;
        this.addresses = addresses;
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "upstream-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.scheduleWithFixedDelay(stalls::sweep, 1, 1, TimeUnit.SECONDS);
        this.deadlines = Executors.unconfigurableScheduledExecutorService(timer);
    }

    /**
     * A client with the gateway's defaults: 10 s to connect, connections kept for 5 minutes, and
     * calls cut after 10 minutes without progress (model answers and streams can pause for long).
     * OkHttp's own read and write timeouts are off: the stall guard does their work for less.
     *
     * <p>Loading the platform's TLS trust store is the slowest step of the gateway's start-up, so
     * it is left out of it: {@code http} upstreams (local models, fakes) are served by a
     * cleartext-only client, and the client that speaks TLS, sharing its connection pool and
     * dispatcher, is built by {@link #warmUp()} or else by the first {@code https} call.
     */
    public static OkHttpUpstreamClient create() {
        return create(CustomHostValidator.fromEnvironment());
    }

    /**
     * A client with the gateway's defaults whose connections go only to public addresses, or to
     * hosts that {@code trusted} lists ({@code localhost} and the operator's
     * {@value CustomHostValidator#TRUSTED_HOSTS_VARIABLE} by default): see
     * {@link UpstreamAddressGuard}.
     */
    public static OkHttpUpstreamClient create(CustomHostValidator trusted) {
        return create(trusted, Dns.SYSTEM);
    }

    /** As {@link #create(CustomHostValidator)}, resolving names with {@code resolver} (tests). */
    static OkHttpUpstreamClient create(CustomHostValidator trusted, Dns resolver) {
        UpstreamAddressGuard addresses = new UpstreamAddressGuard(trusted, resolver);
        OkHttpClient plain = new OkHttpClient.Builder()
                .dns(addresses)
                .connectionPool(new ConnectionPool(256, 5, TimeUnit.MINUTES))
                .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .followRedirects(false)
                .build();
        FutureTask<OkHttpClient> withTls = new FutureTask<>(() -> plain.newBuilder()
                .connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT))
                .build());
        return new OkHttpUpstreamClient(plain, withTls, new StallGuard(STALL_LIMIT, System::nanoTime), addresses, true);
    }

    @Override
    public void warmUp() {
        tlsClient();
    }

    /**
     * A client on a caller-configured OkHttp client (shares its pool and dispatcher). Its resolver
     * is wrapped in the address guard, with the trusted hosts of
     * {@value CustomHostValidator#TRUSTED_HOSTS_VARIABLE}.
     */
    public static OkHttpUpstreamClient create(OkHttpClient client) {
        return wrapping(client, new StallGuard(STALL_LIMIT, System::nanoTime), CustomHostValidator.fromEnvironment());
    }

    /**
     * Stops the deadline and stall-sweep thread and, for a client this class built, shuts down
     * OkHttp's dispatcher and closes its idle pooled connections. The pool and dispatcher of a
     * client passed to {@link #create(OkHttpClient)} are left to their owner. Idempotent.
     */
    @Override
    public void close() {
        deadlines.shutdownNow();
        if (ownsClient) {
            plainClient.dispatcher().executorService().shutdown();
            plainClient.connectionPool().evictAll();
        }
    }

    private OkHttpClient client(HttpUrl url) {
        return url.isHttps() ? tlsClient() : plainClient;
    }

    private OkHttpClient tlsClient() {
        if (withTls instanceof FutureTask<OkHttpClient> build) {
            build.run(); // builds it here unless built already, or being built: then get() waits
        }
        try {
            return withTls.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the OkHttp client could not be built", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the OkHttp client was being built", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws GatewayException (400) when the URL or a header could not be sent as given, and (502)
     *     when the upstream host is, or resolves to, an address the gateway does not call; in both
     *     cases nothing was sent
     */
    @Override
    public UpstreamResponse execute(UpstreamRequest request) throws IOException {
        Request okHttpRequest = toOkHttp(request);
        addresses.checkLiteral(okHttpRequest.url());
        Call call = client(okHttpRequest.url()).newCall(okHttpRequest);
        Cancellation.Registration registration = request.cancellation().onCancel(call::cancel);
        StallGuard.Watch watch = stalls.watch(call);
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = request.timeoutMillis().isPresent()
                ? deadlines.schedule(
                        () -> {
                            timedOut.set(true);
                            call.cancel();
                        },
                        request.timeoutMillis().getAsLong(),
                        TimeUnit.MILLISECONDS)
                : null;
        boolean keepOpen = false;
        Response response = null;
        try {
            response = call.execute();
            if (request.stream() && response.isSuccessful()) {
                keepOpen = true;
                IdleTimer idle = request.idleTimeoutMillis().isPresent()
                        ? new IdleTimer(
                                deadlines, call, request.idleTimeoutMillis().getAsLong(), System::nanoTime)
                        : null;
                return new OpenStream(
                        call,
                        response,
                        registration,
                        watch,
                        new StreamTimers(deadline, timedOut, request.timeoutMillis(), idle));
            }
            boolean success = response.isSuccessful();
            byte[] body = read(response.body(), success ? Integer.MAX_VALUE : MAX_ERROR_BODY);
            return new Complete(response.code(), headers(response), body);
        } catch (UpstreamAddressGuard.BlockedAddressException e) {
            throw UpstreamAddressGuard.refused(e.getMessage());
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new UpstreamTimeoutException(request.timeoutMillis().getAsLong());
            }
            throw watch.stalled() ? stalled() : e;
        } finally {
            if (!keepOpen) {
                disarm(deadline);
                watch.close();
                registration.close();
                if (response != null) {
                    response.close();
                }
            }
        }
    }

    private SocketTimeoutException stalled() {
        return new SocketTimeoutException(
                "the upstream made no progress for " + stalls.limit().toSeconds() + " s");
    }

    /**
     * The OkHttp request. Headers go through OkHttp's checked {@code add}, which refuses control
     * and non-ASCII characters: the last guard against header injection, whoever built the
     * request. A refusal is a 400 that names the header but never quotes its value.
     */
    private Request toOkHttp(UpstreamRequest request) {
        okhttp3.Headers.Builder headers = new okhttp3.Headers.Builder();
        request.headers().forEach((name, value) -> {
            try {
                headers.add(name, value);
            } catch (IllegalArgumentException e) {
                throw GatewayException.badRequest(
                        "Invalid upstream header " + name
                                + ": header names must be tokens and values printable ASCII (no CR, LF or other control characters)");
            }
        });
        String contentType = request.headers().value("content-type");
        MediaType mediaType;
        if (contentType == null) {
            mediaType = request.body().length > 0 ? JSON : null;
        } else {
            mediaType = contentType.equals("application/json") ? JSON : MediaType.parse(contentType);
        }
        Request.Builder built = new Request.Builder().url(url(request.url())).headers(headers.build());
        String method = request.method();
        if (request.rawBody().isPresent()) {
            built.method(method, new RawRequestBody(request.rawBody().get(), mediaType));
        } else if (method.equals("POST")) {
            built.post(RequestBody.create(request.body(), mediaType));
        } else {
            // GET and HEAD take no body; DELETE may; PUT and PATCH need one, if only an empty one.
            boolean required = method.equals("PUT") || method.equals("PATCH");
            boolean permitted = !method.equals("GET") && !method.equals("HEAD");
            boolean send = permitted && (required || request.body().length > 0);
            built.method(method, send ? RequestBody.create(request.body(), mediaType) : null);
        }
        return built.build();
    }

    private HttpUrl url(String url) {
        try {
            return urls.get(url, HttpUrl::get);
        } catch (IllegalArgumentException e) {
            throw GatewayException.badRequest("The upstream URL is not a valid http or https URL");
        }
    }

    private static byte[] read(ResponseBody body, int limit) throws IOException {
        try (InputStream in = body.byteStream()) {
            return in.readNBytes(limit);
        }
    }

    private static void disarm(ScheduledFuture<?> deadline) {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    static Headers headers(Response response) {
        Headers.Builder headers = Headers.builder();
        okhttp3.Headers source = response.headers();
        for (int i = 0; i < source.size(); i++) {
            headers.add(source.name(i), source.value(i));
        }
        return headers.build();
    }

    private record Complete(int status, Headers headers, byte[] bytes) implements UpstreamResponse {
        @Override
        public boolean isOpenStream() {
            return false;
        }

        @Override
        public InputStream stream() {
            return InputStream.nullInputStream();
        }

        @Override
        public void cancel() {}

        @Override
        public void close() {}
    }

    /**
     * A stream's clocks: the request's deadline runs until the answer begins, then the idle timer
     * (when the request has an idle timeout) until the stream ends.
     */
    private record StreamTimers(
            ScheduledFuture<?> deadline, AtomicBoolean timedOut, OptionalLong timeoutMillis, IdleTimer idle) {
        void answerBegan() {
            disarm(deadline);
            if (idle != null) {
                idle.start();
            }
        }

        void eventArrived() {
            if (idle != null) {
                idle.eventArrived();
            }
        }

        /** The failure a read reports when one of the clocks cut the call, else {@code e}. */
        IOException explain(IOException e) {
            if (timedOut.get()) {
                return new UpstreamTimeoutException(timeoutMillis.getAsLong());
            }
            if (idle != null && idle.fired()) {
                return new StreamIdleException(idle.idleMillis());
            }
            return e;
        }

        void close() {
            disarm(deadline);
            if (idle != null) {
                idle.close();
            }
        }
    }

    private final class OpenStream implements UpstreamResponse {
        private final Call call;
        private final Response response;
        private final Cancellation.Registration registration;
        private final StallGuard.Watch watch;
        private final StreamTimers timers;
        private final Headers headers;

        OpenStream(
                Call call,
                Response response,
                Cancellation.Registration registration,
                StallGuard.Watch watch,
                StreamTimers timers) {
            this.call = call;
            this.response = response;
            this.registration = registration;
            this.watch = watch;
            this.timers = timers;
            this.headers = OkHttpUpstreamClient.headers(response);
        }

        @Override
        public void answerBegan() {
            timers.answerBegan();
        }

        @Override
        public void eventArrived() {
            timers.eventArrived();
        }

        @Override
        public int status() {
            return response.code();
        }

        @Override
        public Headers headers() {
            return headers;
        }

        @Override
        public boolean isOpenStream() {
            return true;
        }

        @Override
        public byte[] bytes() {
            return new byte[0];
        }

        /** The body; every read that returns data restarts the stall clock. */
        @Override
        public InputStream stream() {
            return new FilterInputStream(response.body().byteStream()) {
                @Override
                public int read() throws IOException {
                    try {
                        int b = super.read();
                        watch.progress();
                        return b;
                    } catch (IOException e) {
                        throw failure(e);
                    }
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    try {
                        int n = super.read(buffer, offset, length);
                        watch.progress();
                        return n;
                    } catch (IOException e) {
                        throw failure(e);
                    }
                }
            };
        }

        private IOException failure(IOException e) {
            return watch.stalled() ? stalled() : timers.explain(e);
        }

        @Override
        public void cancel() {
            call.cancel();
        }

        @Override
        public void close() {
            timers.close();
            watch.close();
            registration.close();
            response.close();
        }
    }
}
