package dev.aigateway.core.internal.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Cancellation;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.event.AttemptInfo;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.format.EndpointFormat;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.pipeline.Interceptor;
import dev.aigateway.core.pipeline.LeafRequest;
import dev.aigateway.core.pipeline.LeafResponse;
import dev.aigateway.core.pipeline.PreparedCall;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.IncompleteStreamException;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.upstream.UpstreamClient;
import dev.aigateway.core.upstream.UpstreamRequest;
import dev.aigateway.core.upstream.UpstreamResponse;
import dev.aigateway.core.upstream.UpstreamTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * The last link: send the prepared call once and transform the answer. Upstream errors become the
 * endpoint format's error envelope with the upstream status; a missed deadline becomes 408; an
 * unreachable upstream becomes 502 (marked so that retry treats it as a network failure); a 2xx
 * body that is not an answer becomes 502 {@code invalid_upstream_response}. A stream is read up to
 * its first event before it is answered ({@link UpstreamEventStream#begin}), so that one failing
 * before the caller got anything is a failed request too. A 2xx of a format that answers with
 * bytes (audio, a file's content, the proxy) is no event stream: it is passed through as a
 * {@link GatewayResponse.Binary} as soon as its headers arrive, read as the caller reads it. Tells
 * the listener about the attempt.
 */
public final class ProviderCall implements Interceptor {
    /** Response headers never passed on: hop-by-hop ones, and those describing the upstream body. */
    static final Set<String> DROPPED_HEADERS = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "content-length",
            "content-encoding",
            "content-type");

    private final UpstreamClient upstream;

    public ProviderCall(UpstreamClient upstream) {
        this.upstream = upstream;
    }

    @Override
    public LeafResponse intercept(Chain chain) {
        LeafRequest leaf = chain.request();
        PreparedCall prepared = leaf.prepared();
        ProviderRequest request = leaf.providerRequest();
        EndpointFormat format = request.endpoint().format();
        EventListener listener = leaf.listener();
        AttemptInfo attempt = listener == EventListener.NONE ? null : leaf.attemptInfo();
        if (attempt != null) {
            listener.attemptStart(leaf.call(), attempt);
        }
        UpstreamRequest call = new UpstreamRequest(
                prepared.url(),
                prepared.headers(),
                prepared.body(),
                leaf.timeoutMillis(),
                request.stream() || format.bytesAnswer(),
                leaf.cancellation(),
                leaf.streamIdleTimeoutMillis(),
                prepared.method(),
                prepared.rawBody());
        UpstreamResponse response;
        try {
            response = upstream.execute(call);
        } catch (UpstreamTimeoutException e) {
            failed(leaf, attempt, e);
            ObjectNode body = format.errorBody(
                    "Request exceeded the timeout sent in the request: " + e.timeoutMillis() + "ms",
                    "timeout_error",
                    null);
            return LeafResponse.of(json(408, Headers.empty(), body));
        } catch (IOException e) {
            failed(leaf, attempt, e);
            ObjectNode error = format.errorBody(
                    unreachableMessage(request.providerId(), e), "upstream_unreachable", request.providerId());
            return new LeafResponse(json(502, Headers.empty(), error), 0, true);
        }
        if (attempt != null) {
            listener.attemptEnd(leaf.call(), attempt, response.status());
        }
        if (response.isOpenStream() && format.bytesAnswer()) {
            return LeafResponse.of(bytes(response));
        }
        if (response.isOpenStream()) {
            return stream(response, prepared.transform(), leaf, attempt);
        }
        return LeafResponse.of(answer(response, prepared.transform(), leaf));
    }

    /**
     * A 2xx stream, once its first event has arrived; a stream that failed before that is answered
     * like a failed request (408 for a timeout, else 502 with the error the upstream reported or
     * what cut the stream), so that retry and fallback apply.
     */
    private static LeafResponse stream(
            UpstreamResponse response, EndpointTransform transform, LeafRequest leaf, AttemptInfo attempt) {
        ProviderRequest request = leaf.providerRequest();
        EndpointFormat format = request.endpoint().format();
        Headers passed = passedHeaders(response.headers());
        UpstreamEventStream.Start start;
        // The caller may go (or a draining server give up) while the first event is awaited: that
        // ends the read ahead, whichever upstream client holds the stream.
        Cancellation.Registration whileReadingAhead = leaf.cancellation().onCancel(response::cancel);
        try {
            start = UpstreamEventStream.begin(
                    response, transform, request, UpstreamEventStream.observer(leaf, attempt));
        } finally {
            whileReadingAhead.close();
        }
        if (start instanceof UpstreamEventStream.Begun begun) {
            Headers headers = passed.newBuilder()
                    .set("content-type", "text/event-stream")
                    .set("cache-control", "no-cache")
                    .build();
            return LeafResponse.of(new GatewayResponse.Streaming(response.status(), headers, begun.stream()));
        }
        UpstreamEventStream.FailedEarly failed = (UpstreamEventStream.FailedEarly) start;
        if (failed.timedOut()) {
            long millis = ((UpstreamTimeoutException) failed.cause()).timeoutMillis();
            ObjectNode body = format.errorBody(
                    "Request exceeded the timeout sent in the request: " + millis + "ms", "timeout_error", null);
            return LeafResponse.of(json(408, passed, body));
        }
        ObjectNode body = failed.reportedError()
                .filter(JsonNode::isObject)
                .map(error -> (ObjectNode) error)
                .orElseGet(() -> format.errorBody(
                        UpstreamEventStream.interruption(request.providerId(), failed.cause()),
                        "stream_error",
                        request.providerId()));
        boolean connectionFailed = failed.reportedError().isEmpty()
                && !(failed.cause() instanceof IncompleteStreamException)
                && failed.cause() instanceof IOException;
        return new LeafResponse(json(502, passed, body), 0, connectionFailed);
    }

    /**
     * A 2xx byte answer: no events to read ahead, so it has begun with its headers (the request's
     * timeout ends, the idle timeout bounds each wait for more bytes).
     */
    private static GatewayResponse.Binary bytes(UpstreamResponse response) {
        response.answerBegan();
        Headers headers = withContentType(passedHeaders(response.headers()), response, "application/octet-stream");
        return new GatewayResponse.Binary(response.status(), headers, new UpstreamBytes(response));
    }

    private static void failed(LeafRequest leaf, AttemptInfo attempt, IOException cause) {
        if (attempt != null) {
            leaf.listener().attemptFailed(leaf.call(), attempt, cause);
        }
    }

    private static GatewayResponse answer(UpstreamResponse response, EndpointTransform transform, LeafRequest leaf) {
        ProviderRequest request = leaf.providerRequest();
        Headers passed = passedHeaders(response.headers());
        int status = response.status();
        try (response) {
            if (status < 200 || status > 299) {
                if (transform.relaysErrors()) {
                    return new GatewayResponse.Complete(
                            status, withContentType(passed, response, "application/json"), response.bytes());
                }
                EndpointTransform.ErrorAnswer error =
                        transform.errorAnswer(status, response.headers(), response.bytes(), request);
                return json(error.status(), passed, error.body());
            }
            if (transform.relaysResponse()) {
                Optional<String> problem = request.endpoint().format().relayedAnswerProblem(response.bytes());
                if (problem.isPresent()) {
                    return invalidAnswer(request, passed, problem.get());
                }
                return new GatewayResponse.Complete(
                        status, withContentType(passed, response, "application/json"), response.bytes());
            }
            JsonNode parsed = Json.parseOrNull(response.bytes());
            if (parsed == null) {
                return invalidAnswer(request, passed, "the body is not JSON");
            }
            JsonNode answer = transform.response(parsed, request);
            Optional<String> problem = request.endpoint().format().answerProblem(answer, response.bytes());
            if (problem.isPresent()) {
                return invalidAnswer(request, passed, problem.get());
            }
            return json(status, passed, answer);
        }
    }

    private static GatewayResponse invalidAnswer(ProviderRequest request, Headers passed, String problem) {
        ObjectNode error = request.endpoint()
                .format()
                .errorBody(
                        "Invalid response received from " + request.providerId() + ": " + problem,
                        "invalid_upstream_response",
                        request.providerId());
        return json(502, passed, error);
    }

    /** {@code passed} with the upstream's content type, or {@code fallback} when it sent none. */
    private static Headers withContentType(Headers passed, UpstreamResponse response, String fallback) {
        String contentType = response.contentType().isEmpty() ? fallback : response.contentType();
        return passed.newBuilder().set("content-type", contentType).build();
    }

    private static Headers passedHeaders(Headers upstream) {
        Headers.Builder passed = Headers.builder();
        upstream.forEach((name, value) -> {
            if (!DROPPED_HEADERS.contains(name)) {
                passed.add(name, value);
            }
        });
        return passed.build();
    }

    static GatewayResponse.Complete json(int status, Headers headers, JsonNode body) {
        return new GatewayResponse.Complete(
                status,
                headers.newBuilder().set("content-type", "application/json").build(),
                Json.bytes(body));
    }

    /** Says what failed without echoing the URL, whose query may hold a key. */
    private static String unreachableMessage(String provider, IOException e) {
        String reason;
        if (e instanceof UnknownHostException) {
            reason = "the host name could not be resolved";
        } else if (e instanceof ConnectException) {
            reason = "the connection was refused";
        } else if (e instanceof SocketTimeoutException) {
            reason = "the connection timed out";
        } else {
            reason = "the connection failed";
        }
        return "Could not reach " + provider + ": " + reason;
    }
}
