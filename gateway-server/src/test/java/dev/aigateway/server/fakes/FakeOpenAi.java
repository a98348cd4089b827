package dev.aigateway.server.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.internal.Json;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * An OpenAI upstream speaking the real wire format: Bearer auth (401 {@code invalid_api_key}
 * otherwise), a chat completion that names the requested model, and {@code chat.completion.chunk}
 * streams ending with {@code data: [DONE]}. Records the bodies it received.
 */
public final class FakeOpenAi extends Dispatcher {
    public static final String ANSWER = "Yes, I am GPT-4o, a model by OpenAI.";

    private final String validKey;
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

    public FakeOpenAi(String validKey) {
        this.validKey = validKey;
    }

    public List<JsonNode> bodies() {
        return List.copyOf(bodies);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (!("Bearer " + validKey).equals(request.getHeaders().get("authorization"))) {
            return new MockResponse.Builder()
                    .code(401)
                    .addHeader("content-type", "application/json")
                    .body("{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":\"invalid_request_error\","
                            + "\"param\":null,\"code\":\"invalid_api_key\"}}")
                    .build();
        }
        JsonNode body;
        try {
            body = Json.parse(request.getBody().toByteArray());
        } catch (IOException e) {
            return new MockResponse.Builder()
                    .code(400)
                    .body("{\"error\":{\"message\":\"bad json\"}}")
                    .build();
        }
        bodies.add(body);
        String model = body.path("model").asText();
        if (body.path("stream").asBoolean()) {
            return new MockResponse.Builder()
                    .code(200)
                    .addHeader("content-type", "text/event-stream")
                    .chunkedBody(
                            chunk(model, "{\"role\":\"assistant\",\"content\":\"Yes, I am GPT-4o,\"}", null)
                                    + chunk(model, "{\"content\":\" a model by OpenAI.\"}", null)
                                    + chunk(model, "{}", "\"stop\"")
                                    + "data: [DONE]\n\n",
                            50)
                    .build();
        }
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .addHeader("x-request-id", "req_fake")
                .body(
                        "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\""
                                + model
                                + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                                + ANSWER
                                + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":10,\"total_tokens\":22}}")
                .build();
    }

    private static String chunk(String model, String delta, String finishReason) {
        return "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\""
                + model + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finishReason
                + "}]}\n\n";
    }
}
