package dev.aigateway.core.upstream;

import dev.aigateway.core.config.CustomHostValidator;
import dev.aigateway.core.http.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Calls that extensions make on their own account (a guardrail's webhook, a log sink, a JWKS
 * document): each with a deadline, and under the same rules as provider calls. A URL must be one a
 * custom host could be ({@link CustomHostValidator}, judged without its query), and every address
 * dialled goes through {@link UpstreamAddressGuard}, so a config cannot point the gateway at a
 * private, loopback or metadata address that the operator does not trust. Redirects are not
 * followed; answers are read up to {@value #MAX_BODY} bytes. The OkHttp client, TLS included, is
 * built on first use. Thread-safe; {@link #close()} releases its threads and connections.
 */
public final class CalloutClient implements AutoCloseable {
    static final int MAX_BODY = 1 << 20;
    private static final MediaType JSON = MediaType.get("application/json");

    private final CustomHostValidator hosts;
    private final Dns resolver;
    private final UpstreamAddressGuard addresses;
    private volatile OkHttpClient client;
    private boolean closed;

    private CalloutClient(CustomHostValidator hosts, Dns resolver) {
        this.hosts = hosts;
        this.resolver = resolver;
        this.addresses = new UpstreamAddressGuard(hosts, resolver);
    }

    /** A client whose calls follow {@code hosts}' rules, resolving names with the system's resolver. */
    public static CalloutClient create(CustomHostValidator hosts) {
        return new CalloutClient(hosts, Dns.SYSTEM);
    }

    /** As {@link #create(CustomHostValidator)}, resolving names with {@code resolver} (tests). */
    public static CalloutClient create(CustomHostValidator hosts, Dns resolver) {
        return new CalloutClient(hosts, resolver);
    }

    /** An answer, its body cut at {@value #MAX_BODY} bytes. */
    public record Answer(int status, Headers headers, byte[] body) {
        public boolean isSuccessful() {
            return status >= 200 && status < 300;
        }
    }

    /** POSTs {@code json} to {@code url} with {@code headers}, within {@code timeout}. */
    public Answer postJson(String url, Headers headers, byte[] json, Duration timeout) throws IOException {
        return send(url, headers, timeout, b -> b.post(RequestBody.create(json, JSON)));
    }

    /** GETs {@code url} within {@code timeout}. */
    public Answer get(String url, Headers headers, Duration timeout) throws IOException {
        return send(url, headers, timeout, Request.Builder::get);
    }

    /** Sends a HEAD request to {@code url} within {@code timeout}. */
    public Answer head(String url, Headers headers, Duration timeout) throws IOException {
        return send(url, headers, timeout, Request.Builder::head);
    }

    /** Whether {@code host} resolves to at least one address (no connection is made). */
    public boolean resolves(String host) {
        try {
            List<InetAddress> found = resolver.lookup(host);
            return !found.isEmpty();
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
    }

    /** Why {@code url} may not be called, if it may not. */
    public Optional<String> problem(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            return Optional.of("it is not a valid http or https URL");
        }
        String base = parsed.newBuilder().query(null).fragment(null).build().toString();
        return hosts.problem(base);
    }

    private interface Method {
        Request.Builder apply(Request.Builder builder);
    }

    private Answer send(String url, Headers headers, Duration timeout, Method method) throws IOException {
        Optional<String> problem = problem(url);
        if (problem.isPresent()) {
            throw new IOException("the URL is refused: " + problem.get());
        }
        HttpUrl parsed = HttpUrl.get(url);
        okhttp3.Headers.Builder okHeaders = new okhttp3.Headers.Builder();
        try {
            headers.forEach(okHeaders::add);
        } catch (IllegalArgumentException e) {
            throw new IOException("a header name or value is not valid HTTP");
        }
        Request request = method.apply(new Request.Builder().url(parsed).headers(okHeaders.build()))
                .build();
        try {
            addresses.checkLiteral(parsed);
        } catch (RuntimeException e) {
            throw new IOException("the address is private, loopback, link-local, metadata or reserved");
        }
        okhttp3.Call call;
        try {
            call = client().newCall(request);
        } catch (IllegalStateException e) {
            throw new IOException("the gateway is shutting down");
        }
        call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (Response response = call.execute()) {
            byte[] body;
            try (InputStream in = response.body().byteStream()) {
                body = in.readNBytes(MAX_BODY);
            }
            Headers.Builder answerHeaders = Headers.builder();
            response.headers().forEach(pair -> answerHeaders.add(pair.getFirst(), pair.getSecond()));
            return new Answer(response.code(), answerHeaders.build(), body);
        } catch (UpstreamAddressGuard.BlockedAddressException e) {
            throw new IOException(e.getMessage());
        } catch (InterruptedIOException e) {
            throw new CalloutTimeoutException(timeout);
        }
    }

    private OkHttpClient client() {
        OkHttpClient built = client;
        if (built == null) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("the callout client is closed");
                }
                if (client == null) {
                    client = new OkHttpClient.Builder()
                            .dns(addresses)
                            .connectionPool(new ConnectionPool(16, 1, TimeUnit.MINUTES))
                            .connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT))
                            .followRedirects(false)
                            .followSslRedirects(false)
                            .build();
                }
                built = client;
            }
        }
        return built;
    }

    /** Stops the client's dispatcher threads and closes its pooled connections. Idempotent. */
    @Override
    public void close() {
        OkHttpClient built;
        synchronized (this) {
            built = client;
            client = null;
            closed = true;
        }
        if (built != null) {
            built.dispatcher().executorService().shutdown();
            built.connectionPool().evictAll();
        }
    }

    /** A call that did not finish within its deadline. */
    public static final class CalloutTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        CalloutTimeoutException(Duration timeout) {
            super("Request timed out after " + timeout.toMillis() + "ms");
        }
    }
}
