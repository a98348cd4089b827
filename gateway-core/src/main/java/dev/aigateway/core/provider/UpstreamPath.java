package dev.aigateway.core.provider;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.PercentEncoding;
import dev.aigateway.core.http.RequestTarget;

/**
 * Builds the path (and query) of an upstream URL from a route's template and the caller's request
 * line, so that caller input can change neither the host nor the path outside its own segments:
 * parameter values and the proxy's path are percent-encoded segment by segment, dot segments and
 * control characters are a 400, and the query is passed on only when it is plain printable ASCII.
 * The caller's query string goes upstream on {@code GET} and {@code DELETE} routes (list pages,
 * {@code include[]}) and on the proxy; JSON {@code POST} routes send none.
 */
public final class UpstreamPath {
    private UpstreamPath() {}

    /**
     * {@code template} with each {@code {name}} segment replaced by the encoded value of the
     * caller's path parameter, followed by the caller's query where it is passed on:
     * {@code /files/{file_id}/content} → {@code /files/file-abc/content}.
     */
    public static String of(String template, ProviderRequest request) {
        RequestTarget target = request.target();
        String path = template.indexOf('{') < 0 ? template : expand(template, target);
        return passesQuery(request) ? withQuery(path, target.query()) : path;
    }

    /**
     * The caller's own path below the API root, each segment encoded again, followed by the
     * caller's query (the proxy: {@code /v1/vector_stores/vs_1?limit=2} →
     * {@code /vector_stores/vs_1?limit=2}).
     */
    public static String relayed(ProviderRequest request) {
        String path = request.target().pathBelowApiRoot();
        StringBuilder out = new StringBuilder(path.length() + 16);
        int start = path.startsWith("/") ? 1 : 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            String segment = path.substring(start, end < 0 ? path.length() : end);
            if (PercentEncoding.isDotSegment(segment) || PercentEncoding.hasControlCharacter(segment)) {
                throw GatewayException.badRequest(
                        "The request path must not hold dot segments (. or ..) or control characters");
            }
            out.append('/').append(PercentEncoding.encodePathSegment(segment));
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        if (out.length() == 1 && path.isEmpty()) {
            out.setLength(0);
        }
        return withQuery(out.toString(), request.target().query());
    }

    /** {@code path} followed by {@code query} (checked), joined with {@code ?} or {@code &}. */
    public static String withQuery(String path, String query) {
        if (query.isEmpty()) {
            return path;
        }
        return path + (path.indexOf('?') < 0 ? '?' : '&') + checkedQuery(query);
    }

    /**
     * The caller's query string, when it is printable ASCII without spaces or {@code #}, as a
     * query sent on the wire is.
     */
    public static String checkedQuery(String query) {
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '#') {
                throw GatewayException.badRequest(
                        "The query string must be percent-encoded printable ASCII without spaces or #");
            }
        }
        return query;
    }

    private static boolean passesQuery(ProviderRequest request) {
        return request.endpoint() == Endpoint.PROXY || !request.target().carriesBody();
    }

    private static String expand(String template, RequestTarget target) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            String name = template.substring(open + 1, close);
            out.append(template, i, open).append(segment(name, target));
            i = close + 1;
        }
        return out.toString();
    }

    private static String segment(String name, RequestTarget target) {
        String value = target.pathParam(name)
                .filter(v -> !v.isEmpty())
                .orElseThrow(() -> GatewayException.badRequest("The request path has no " + name));
        if (PercentEncoding.isDotSegment(value) || PercentEncoding.hasControlCharacter(value)) {
            throw GatewayException.badRequest(
                    "The request path's " + name + " must not be a dot segment or hold control characters");
        }
        return PercentEncoding.encode(value);
    }
}
