package dev.aigateway.core.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.http.RawBody;
import dev.aigateway.core.testing.TestGateway;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route beyond chat routes as chat does: a fallback passes over a provider that does not
 * serve the route, moves on from a 503 after its retry, and the answer of the target that served
 * it carries the {@code x-portkey-*} headers; the failed target got the same request, body
 * included.
 */
class EveryRouteFallbackTest {
    private static final byte[] FORM =
            "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n\r\nxyz\r\n--b--\r\n"
                    .getBytes(StandardCharsets.UTF_8);

    private final MockWebServer failing = new MockWebServer();
    private final MockWebServer serving = new MockWebServer();
    private final TestGateway test = new TestGateway();

    @BeforeEach
    void start() throws Exception {
        failing.start();
        serving.start();
    }

    @AfterEach
    void stop() {
        test.close();
        failing.close();
        serving.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    static List<Endpoint> routes() {
        return List.of(
                Endpoint.IMAGE_GENERATE,
                Endpoint.IMAGE_EDIT,
                Endpoint.CREATE_SPEECH,
                Endpoint.CREATE_TRANSCRIPTION,
                Endpoint.CREATE_TRANSLATION,
                Endpoint.MODERATE,
                Endpoint.LIST_MODELS,
                Endpoint.RETRIEVE_MODEL,
                Endpoint.UPLOAD_FILE,
                Endpoint.LIST_FILES,
                Endpoint.RETRIEVE_FILE,
                Endpoint.DELETE_FILE,
                Endpoint.RETRIEVE_FILE_CONTENT,
                Endpoint.CREATE_BATCH,
                Endpoint.LIST_BATCHES,
                Endpoint.RETRIEVE_BATCH,
                Endpoint.CANCEL_BATCH,
                Endpoint.GET_MODEL_RESPONSE,
                Endpoint.DELETE_MODEL_RESPONSE,
                Endpoint.LIST_RESPONSE_INPUT_ITEMS,
                Endpoint.PROXY);
    }

    @ParameterizedTest
    @MethodSource("routes")
    void fallbackAndRetryWorkAsOnChat(Endpoint endpoint) throws Exception {
        failing.enqueue(new MockResponse.Builder()
                .code(503)
                .body("{\"error\":{\"message\":\"down\"}}")
                .build());
        failing.enqueue(new MockResponse.Builder()
                .code(503)
                .body("{\"error\":{\"message\":\"down\"}}")
                .build());
        serving.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body(answer(endpoint))
                .build());
        String unserving = endpoint == Endpoint.PROXY ? "" : "{\"provider\":\"perplexity-ai\",\"api_key\":\"pplx\"},";
        String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + unserving
                + "{\"provider\":\"openai\",\"api_key\":\"sk-1\",\"retry\":{\"attempts\":1},\"custom_host\":\""
                + failing.url("/v1") + "\"},"
                + "{\"provider\":\"openai\",\"api_key\":\"sk-2\",\"custom_host\":\"" + serving.url("/v1") + "\"}]}";

        GatewayResponse response = test.gateway.handle(request(endpoint, config));
        String body = TestGateway.text(response);

        assertEquals(200, response.status(), body);
        assertEquals(answer(endpoint), body);
        int served = endpoint == Endpoint.PROXY ? 1 : 2;
        assertEquals("config.targets[" + served + "]", response.headers().value("x-portkey-last-used-option-index"));
        assertEquals("openai", response.headers().value("x-portkey-provider"));
        assertEquals("0", response.headers().value("x-portkey-retry-attempt-count"));
        assertTrue(response.headers().contains("x-portkey-trace-id"));
        RecordedRequest first = failing.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest retried = failing.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest last = serving.takeRequest(5, TimeUnit.SECONDS);
        for (RecordedRequest sent : List.of(first, retried, last)) {
            assertEquals(first.getMethod(), sent.getMethod());
            assertEquals(first.getTarget(), sent.getTarget());
            assertEquals(first.getBody(), sent.getBody());
        }
        assertEquals("Bearer sk-2", last.getHeaders().get("authorization"));
        assertEquals("/v1" + expectedPath(endpoint), last.getTarget());
    }

    private static GatewayRequest request(Endpoint endpoint, String config) {
        GatewayRequest.Builder request = GatewayRequest.builder(endpoint).config(config);
        switch (endpoint.body()) {
            case JSON -> request.body("{\"model\":\"m\",\"input\":\"x\"}");
            case MULTIPART -> request.body(RawBody.of(FORM, "multipart/form-data; boundary=b"));
            case NONE -> request.query("limit=2");
            case ANY -> request.method("POST").path("/v1/vector_stores").body("{\"name\":\"docs\"}");
        }
        for (String name : List.of("model", "file_id", "batch_id", "response_id")) {
            request.pathParam(name, "id-1");
        }
        return request.build();
    }

    private static String expectedPath(Endpoint endpoint) {
        if (endpoint == Endpoint.PROXY) {
            return "/vector_stores";
        }
        String path = endpoint.openAiPath().replaceAll("\\{[a-z_]+}", "id-1");
        return endpoint.body() == Endpoint.Body.NONE && endpoint.method().equals("GET")
                        || endpoint.method().equals("DELETE")
                ? path + "?limit=2"
                : path;
    }

    private static String answer(Endpoint endpoint) {
        return switch (endpoint) {
            case IMAGE_GENERATE,
                    IMAGE_EDIT,
                    LIST_MODELS,
                    LIST_FILES,
                    LIST_BATCHES,
                    LIST_RESPONSE_INPUT_ITEMS -> "{\"object\":\"list\",\"data\":[]}";
            case MODERATE -> "{\"id\":\"modr\",\"results\":[]}";
            case CREATE_TRANSCRIPTION, CREATE_TRANSLATION -> "{\"text\":\"hi\"}";
            default -> "{\"id\":\"id-1\"}";
        };
    }
}
