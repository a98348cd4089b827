package dev.aigateway.core.http;

import java.util.Map;
import java.util.Optional;

/**
 * The caller's request line, as an upstream call built from it needs it: the method, the path as
 * routed (decoded, e.g. {@code /v1/files/file-abc/content}), the query string as sent (still
 * percent-encoded, without the {@code ?}; empty when there is none) and the values the path gave
 * the route's parameters ({@code {file_id}} → {@code file-abc}). Caller input: it reaches an
 * upstream URL only through {@link dev.aigateway.core.provider.UpstreamPath}, which encodes and
 * checks it.
 */
public record RequestTarget(String method, String path, String query, Map<String, String> pathParams) {
    private static final String PROXY_PREFIX = "/v1/proxy";
    private static final String API_PREFIX = "/v1";

    public RequestTarget {
        pathParams = Map.copyOf(pathParams);
    }

    /** A {@code POST} to {@code path} with no query and no parameters: the unified JSON routes. */
    public static RequestTarget post(String path) {
        return new RequestTarget("POST", path, "", Map.of());
    }

    /** The value the path gave parameter {@code name}. */
    public Optional<String> pathParam(String name) {
        return Optional.ofNullable(pathParams.get(name));
    }

    /** Whether an HTTP request with this method carries a body ({@code GET}, {@code DELETE} and {@code HEAD} do not). */
    public boolean carriesBody() {
        return !(method.equals("GET") || method.equals("DELETE") || method.equals("HEAD"));
    }

    /**
     * The path below the API root, as providers' base URLs end at it: without the leading
     * {@code /v1}, or the deprecated {@code /v1/proxy} ({@code /v1/vector_stores} →
     * {@code /vector_stores}). Decoded, as {@link #path()}.
     */
    public String pathBelowApiRoot() {
        if (path.equals(PROXY_PREFIX) || path.startsWith(PROXY_PREFIX + "/")) {
            return path.substring(PROXY_PREFIX.length());
        }
        if (path.equals(API_PREFIX) || path.startsWith(API_PREFIX + "/")) {
            return path.substring(API_PREFIX.length());
        }
        return path;
    }
}
