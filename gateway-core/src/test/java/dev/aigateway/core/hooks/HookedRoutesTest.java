package dev.aigateway.core.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.http.RawBody;
import dev.aigateway.core.testing.TestGateway;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hooks run on chat, completions, Messages and embeddings, as in Portkey; on every other route
 * (images, audio, moderations, models, files, batches, Responses, token counting, the proxy) they
 * are skipped: the answer, JSON or bytes, passes as the upstream sent it, with no
 * {@code hook_results}, and the listener hears each hook as skipped.
 */
class HookedRoutesTest {
    private static final byte[] FORM =
            "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n\r\nRIFF\r\n--b--\r\n"
                    .getBytes(StandardCharsets.UTF_8);
    /** Hooks that would deny any request and any answer, were they run. */
    private static final String DENY_ALL =
            ",\"input_guardrails\":[{\"default.contains\":{\"operator\":\"any\",\"words\":[\"never-there\"]},\"deny\":true}],"
                    + "\"output_guardrails\":[{\"default.contains\":{\"operator\":\"any\",\"words\":[\"never-there\"]},\"deny\":true}]";

    private final MockWebServer server = new MockWebServer();
    private final List<HookReport> reports = new CopyOnWriteArrayList<>();
    private final TestGateway test = TestGateway.with(builder -> builder.addEventListener(new EventListener() {
        @Override
        public void hooks(CallInfo call, HookReport report) {
            reports.add(report);
        }
    }));

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        test.close();
        server.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    static Stream<Endpoint> unhookedRoutes() {
        return Arrays.stream(Endpoint.values()).filter(e -> !HookRunner.HOOKED_REQUEST_TYPES.contains(e.portkeyName()));
    }

    @ParameterizedTest
    @MethodSource("unhookedRoutes")
    void hooksAreSkippedAndTheAnswerPassesUntouched(Endpoint endpoint) throws Exception {
        String answer = answer(endpoint);
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body(answer)
                .build());
        String provider = endpoint == Endpoint.MESSAGES_COUNT_TOKENS ? "anthropic" : "openai";
        String config = "{\"provider\":\"" + provider + "\",\"api_key\":\"k\",\"custom_host\":\"" + server.url("/v1")
                + "\"" + DENY_ALL + "}";

        GatewayResponse response = test.gateway.handle(request(endpoint, config));
        String body = TestGateway.text(response);

        assertEquals(200, response.status(), body);
        assertEquals(answer, body);
        assertFalse(body.contains("hook_results"));
        assertEquals(1, server.getRequestCount());
        assertEquals(2, reports.size());
        assertTrue(reports.stream().allMatch(r -> r.results().stream().allMatch(HookResult::skipped)));
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
            case RESPONSES -> "{\"id\":\"resp_1\",\"object\":\"response\",\"output\":[]}";
            case MESSAGES_COUNT_TOKENS -> "{\"input_tokens\":3}";
            case CREATE_TRANSCRIPTION, CREATE_TRANSLATION -> "{\"text\":\"hi\"}";
            default -> "{\"id\":\"id-1\"}";
        };
    }

    private static GatewayRequest request(Endpoint endpoint, String config) {
        GatewayRequest.Builder request = GatewayRequest.builder(endpoint).config(config);
        switch (endpoint.body()) {
            case JSON -> request.body(
                    "{\"model\":\"m\",\"input\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
            case MULTIPART -> request.body(RawBody.of(FORM, "multipart/form-data; boundary=b"));
            case NONE -> request.query("limit=2");
            case ANY -> request.method("POST").path("/v1/vector_stores").body("{\"name\":\"docs\"}");
        }
        for (String name : List.of("model", "file_id", "batch_id", "response_id")) {
            request.pathParam(name, "id-1");
        }
        return request.build();
    }
}
