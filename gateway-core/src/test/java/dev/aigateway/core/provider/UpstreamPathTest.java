package dev.aigateway.core.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.http.RequestTarget;
import dev.aigateway.core.internal.Json;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Caller input in upstream paths: encoded per segment, dot segments refused, queries checked. */
class UpstreamPathTest {
    private static ProviderRequest request(Endpoint endpoint, RequestTarget target) {
        return new ProviderRequest(
                endpoint,
                ProviderOptions.of("openai", "sk"),
                Json.object(),
                false,
                Headers.empty(),
                true,
                TransformContext.system(),
                target,
                Optional.empty());
    }

    private static RequestTarget get(String path, String query, Map<String, String> params) {
        return new RequestTarget("GET", path, query, params);
    }

    @Test
    void parametersAreEncodedAsOneSegmentAndGetQueriesPassOn() {
        ProviderRequest content = request(
                Endpoint.RETRIEVE_FILE_CONTENT,
                get("/v1/files/a b/content", "x=1&y=%20", Map.of("file_id", "file/1?#")));

        assertEquals("/files/file%2F1%3F%23/content?x=1&y=%20", UpstreamPath.of("/files/{file_id}/content", content));
    }

    @Test
    void postRoutesSendNoQuery() {
        ProviderRequest cancel = request(
                Endpoint.CANCEL_BATCH,
                new RequestTarget("POST", "/v1/batches/b1/cancel", "x=1", Map.of("batch_id", "b1")));

        assertEquals("/batches/b1/cancel", UpstreamPath.of("/batches/{batch_id}/cancel", cancel));
    }

    @Test
    void dotSegmentsAndControlCharactersAreRefused() {
        for (String value : new String[] {"..", ".", "a\r\nb", ""}) {
            ProviderRequest bad = request(Endpoint.RETRIEVE_FILE, get("/v1/files/x", "", Map.of("file_id", value)));

            GatewayException e = assertThrows(GatewayException.class, () -> UpstreamPath.of("/files/{file_id}", bad));
            assertEquals(400, e.status());
        }
        ProviderRequest proxied = request(Endpoint.PROXY, get("/v1/files/../admin", "", Map.of()));
        assertTrue(assertThrows(GatewayException.class, () -> UpstreamPath.relayed(proxied))
                .getMessage()
                .contains("dot segments"));
    }

    @Test
    void theProxyPathIsTheCallersBelowTheApiRootReEncoded() {
        assertEquals(
                "/vector_stores/vs%201/files?limit=2",
                UpstreamPath.relayed(
                        request(Endpoint.PROXY, get("/v1/vector_stores/vs 1/files", "limit=2", Map.of()))));
        assertEquals(
                "/models/gemini-2.0-flash:generateContent",
                UpstreamPath.relayed(request(
                        Endpoint.PROXY, get("/v1/proxy/models/gemini-2.0-flash:generateContent", "", Map.of()))));
        assertEquals("/a/b/", UpstreamPath.relayed(request(Endpoint.PROXY, get("/v1/a/b/", "", Map.of()))));
    }

    @Test
    void queriesMustBePrintableAsciiWithoutSpacesOrFragments() {
        assertEquals("/p?a=1&api-version=2", UpstreamPath.withQuery("/p?a=1", "api-version=2"));
        for (String query : new String[] {"a=b c", "a=b#frag", "a=\u00e9", "a=\n"}) {
            assertThrows(GatewayException.class, () -> UpstreamPath.withQuery("/p", query));
        }
    }
}
