package dev.aigateway.server;

import io.undertow.server.HttpHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes matched by method and path template, e.g. {@code GET /v1/files/{file_id}/content}: a
 * segment in braces matches any one non-empty segment, whose value becomes the parameter's. A path
 * without parameters ({@code POST /v1/chat/completions}) is found by one map look-up, before the
 * templates are tried; among templates the first that matches wins. Not thread-safe while being
 * built; thread-safe once built.
 */
final class RouteTable {
    /** A matched route: its handler and the values of its parameters. */
    record Match(HttpHandler handler, Map<String, String> params) {}

    private record Route(String method, String[] segments, HttpHandler handler) {}

    private final Map<String, HttpHandler> exact = new HashMap<>();
    private final List<Route> routes = new ArrayList<>();

    /** Adds a route; for building only. */
    RouteTable add(String method, String template, HttpHandler handler) {
        if (template.contains("{")) {
            routes.add(new Route(method, split(template), handler));
        } else {
            exact.putIfAbsent(method + " " + template, handler);
        }
        return this;
    }

    Optional<Match> match(String method, String path) {
        HttpHandler handler = exact.get(method + " " + path);
        if (handler != null) {
            return Optional.of(new Match(handler, Map.of()));
        }
        String[] segments = split(path);
        for (Route route : routes) {
            if (route.method.equals(method) && route.segments.length == segments.length) {
                Map<String, String> params = params(route.segments, segments);
                if (params != null) {
                    return Optional.of(new Match(route.handler, params));
                }
            }
        }
        return Optional.empty();
    }

    /** The parameters when {@code segments} fit {@code template}, else null. */
    private static Map<String, String> params(String[] template, String[] segments) {
        Map<String, String> params = Map.of();
        for (int i = 0; i < template.length; i++) {
            String expected = template[i];
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                if (params.isEmpty()) {
                    params = new LinkedHashMap<>();
                }
                params.put(expected.substring(1, expected.length() - 1), segments[i]);
            } else if (!expected.equals(segments[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        return (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
    }
}
