package dev.aigateway.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.error.ErrorBodies;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.HeaderRules;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.json.Json;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.upstream.UpstreamClient;
import dev.aigateway.core.upstream.UpstreamRequest;
import dev.aigateway.core.upstream.UpstreamResponse;
import dev.aigateway.core.upstream.UpstreamTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * The last link: transform the request, call the provider once, transform the answer. Upstream
 * errors become the OpenAI error envelope with the upstream status; a missed deadline becomes 408;
 * an unreachable upstream becomes 502 (marked so that retry treats it as a network failure); a 2xx
 * whose body is not an answer of the endpoint ({@link AnswerShape}) becomes 502
 * {@code invalid_upstream_response}.
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
        Provider provider = leaf.provider();
        ProviderRequest request = leaf.providerRequest();
        EndpointTransform transform = provider.transform(request.endpoint())
                .orElseThrow(() -> new GatewayException(
                        400, request.endpoint().portkeyName() + " is not supported by " + provider.id()));
        JsonNode body = transform.request(request);
        byte[] bytes = body == request.params() && leaf.paramsUnchanged() ? leaf.callerBody() : Json.bytes(body);
        String base =
                request.options().customHost().orElseGet(() -> provider.api().baseUrl(request));
        String url = stripTrailingSlash(base) + provider.api().path(request, body);
        UpstreamRequest call = new UpstreamRequest(
                url, headers(leaf, request), bytes, leaf.timeoutMillis(), request.stream(), leaf.cancellation());
        try {
            return LeafResponse.of(answer(upstream.execute(call), transform, request));
        } catch (UpstreamTimeoutException e) {
            return LeafResponse.of(json(408, Headers.empty(), ErrorBodies.timeout(e.timeoutMillis())));
        } catch (IOException e) {
            ObjectNode error = ErrorBodies.openAi(
                    unreachableMessage(provider.id(), e), "upstream_unreachable", null, null, provider.id());
            return new LeafResponse(json(502, Headers.empty(), error), 0, true);
        }
    }

    private GatewayResponse answer(UpstreamResponse response, EndpointTransform transform, ProviderRequest request) {
        Headers passed = passedHeaders(response.headers());
        int status = response.status();
        if (response.isOpenStream()) {
            Headers headers = passed.newBuilder()
                    .set("content-type", "text/event-stream")
                    .set("cache-control", "no-cache")
                    .build();
            return new GatewayResponse.Streaming(
                    status, headers, new UpstreamEventStream(response, transform, request));
        }
        try (response) {
            if (status < 200 || status > 299) {
                return json(status, passed, transform.error(status, response.bytes(), request));
            }
            if (transform.relaysResponse()) {
                if (!AnswerShape.holds(response.bytes(), request.endpoint())) {
                    return invalid(passed, request, AnswerShape.problem(response.bytes(), request.endpoint()));
                }
                String contentType = response.contentType().isEmpty() ? "application/json" : response.contentType();
                return new GatewayResponse.Complete(
                        status,
                        passed.newBuilder().set("content-type", contentType).build(),
                        response.bytes());
            }
            JsonNode parsed = Json.parseOrNull(response.bytes());
            if (parsed == null) {
                return invalid(passed, request, "the body is not JSON");
            }
            JsonNode answer = transform.response(parsed, request);
            if (!AnswerShape.holds(answer, request.endpoint())) {
                return invalid(passed, request, AnswerShape.problem(response.bytes(), request.endpoint()));
            }
            return json(status, passed, answer);
        }
    }

    /**
     * A 2xx that is not an answer (not JSON, an error, no {@code choices}): 502, which retry and
     * fallback treat as the failure it is.
     */
    private static GatewayResponse invalid(Headers passed, ProviderRequest request, String problem) {
        ObjectNode error = ErrorBodies.openAi(
                "Invalid response received from " + request.providerId() + ": " + problem,
                "invalid_upstream_response",
                null,
                null,
                request.providerId());
        return json(502, passed, error);
    }

    /**
     * The upstream request's headers: the provider's, then the forwarded ones. Every name and
     * value is checked here, whatever built it, so that no caller input can add a header line or
     * a request (CR/LF) whichever upstream client sends it; a problem is a 400 naming the header.
     */
    private static Headers headers(LeafRequest leaf, ProviderRequest request) {
        Headers.Builder headers = Headers.builder().set("content-type", "application/json");
        leaf.provider().api().headers(request, headers);
        for (String name : leaf.forwardHeaders()) {
            HeaderRules.forwardedNameProblem(name).ifPresent(problem -> {
                throw GatewayException.badRequest("Invalid forwarded header: " + problem);
            });
            request.incomingHeaders()
                    .first(name)
                    .ifPresent(value -> headers.set(name, HeaderRules.checked("forwarded header " + name, value)));
        }
        Headers built = headers.build();
        built.forEach((name, value) -> HeaderRules.nameProblem(name)
                .or(() -> HeaderRules.valueProblem(value))
                .ifPresent(problem -> {
                    throw GatewayException.badRequest("Invalid upstream header " + name + ": " + problem);
                }));
        return built;
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

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
