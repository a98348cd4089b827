package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Endpoint;
import io.undertow.server.HttpHandler;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every endpoint's method and path, with and without parameters, in one table. */
class RouteTableTest {
    private final Map<Endpoint, HttpHandler> handlers = new EnumMap<>(Endpoint.class);
    private final RouteTable table = new RouteTable();

    RouteTableTest() {
        for (Endpoint endpoint : Endpoint.values()) {
            if (endpoint != Endpoint.PROXY) {
                HttpHandler handler = exchange -> {};
                handlers.put(endpoint, handler);
                table.add(endpoint.method(), "/v1" + endpoint.openAiPath(), handler);
            }
        }
    }

    private HttpHandler handler(String method, String path) {
        return table.match(method, path).orElseThrow().handler();
    }

    @Test
    void bothSidesRoutesAreServed() {
        assertSame(handlers.get(Endpoint.CHAT_COMPLETE), handler("POST", "/v1/chat/completions"));
        assertSame(handlers.get(Endpoint.RESPONSES), handler("POST", "/v1/responses"));
        assertSame(handlers.get(Endpoint.MESSAGES), handler("POST", "/v1/messages"));
        assertSame(handlers.get(Endpoint.MESSAGES_COUNT_TOKENS), handler("POST", "/v1/messages/count_tokens"));
        assertSame(handlers.get(Endpoint.GET_MODEL_RESPONSE), handler("GET", "/v1/responses/resp_1"));
        assertSame(handlers.get(Endpoint.DELETE_MODEL_RESPONSE), handler("DELETE", "/v1/responses/resp_1"));
        assertSame(handlers.get(Endpoint.LIST_FILES), handler("GET", "/v1/files"));
        assertSame(handlers.get(Endpoint.UPLOAD_FILE), handler("POST", "/v1/files"));
        assertSame(handlers.get(Endpoint.CANCEL_BATCH), handler("POST", "/v1/batches/b_1/cancel"));
    }

    @Test
    void parametersComeFromTheirSegments() {
        RouteTable.Match match =
                table.match("GET", "/v1/files/file-abc/content").orElseThrow();

        assertSame(handlers.get(Endpoint.RETRIEVE_FILE_CONTENT), match.handler());
        assertEquals(Map.of("file_id", "file-abc"), match.params());
        assertEquals(
                Map.of(), table.match("POST", "/v1/responses").orElseThrow().params());
    }

    @Test
    void otherMethodsAndPathsAreNotMatched() {
        assertTrue(table.match("GET", "/v1/chat/completions").isEmpty());
        assertTrue(table.match("POST", "/v1/responses/resp_1").isEmpty());
        assertTrue(table.match("GET", "/v1/files//content").isEmpty(), "an empty parameter");
        assertTrue(table.match("GET", "/v1/vector_stores").isEmpty(), "the proxy's");
    }
}
