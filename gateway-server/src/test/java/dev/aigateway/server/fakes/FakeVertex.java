package dev.aigateway.server.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Vertex AI on loopback, speaking its wire formats: Gemini ({@link FakeGemini3}) and text
 * embeddings ({@code :predict}) under {@code publishers/google}, Claude ({@code :rawPredict},
 * {@code :streamRawPredict}) under {@code publishers/anthropic}, where the body must carry
 * {@code anthropic_version} and no {@code model}, as Vertex wants. Every call needs
 * {@code Authorization: Bearer <token>} with a token {@code tokens} accepts (401
 * {@code UNAUTHENTICATED} otherwise). Also serves AI Studio's {@code /v1beta/models/...} with
 * {@code x-goog-api-key}, for the same Gemini 3 and for {@code embedContent} and
 * {@code batchEmbedContents}.
 */
public final class FakeVertex extends Dispatcher {
    public static final String CLAUDE_ANSWER = "Hello from Claude on Vertex.";
    public static final float[] EMBEDDING = {0.25f, -0.5f, 1.5f};

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERTEX = Pattern.compile(
            "/v1/projects/([^/]+)/locations/([^/]+)/publishers/([^/]+)/models/([^:/]+):([A-Za-z]+)(\\?alt=sse)?");
    private static final Pattern STUDIO = Pattern.compile("/v1beta/models/([^:/]+):([A-Za-z]+)(\\?alt=sse)?");

    private final Predicate<String> tokens;
    private final String studioKey;
    private final FakeGemini3 gemini = new FakeGemini3();
    private final AtomicInteger calls = new AtomicInteger();
    private final Map<String, AtomicInteger> tokensSeen = new ConcurrentHashMap<>();

    public FakeVertex(Predicate<String> tokens, String studioKey) {
        this.tokens = tokens;
        this.studioKey = studioKey;
    }

    public int calls() {
        return calls.get();
    }

    /** How many calls carried each bearer token. */
    public Map<String, AtomicInteger> tokensSeen() {
        return tokensSeen;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        calls.incrementAndGet();
        String target = request.getTarget();
        String body = request.getBody().utf8();
        Matcher studio = STUDIO.matcher(target);
        if (studio.matches()) {
            if (!studioKey.equals(request.getHeaders().get("x-goog-api-key"))) {
                return FakeGemini3.error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.");
            }
            return switch (studio.group(2)) {
                case "embedContent" -> json("{\"embedding\":{\"values\":" + vector() + "}}");
                case "batchEmbedContents" -> studioBatch(body);
                default -> gemini.answer(body, studio.group(3) != null, studio.group(1));
            };
        }
        String authorization = String.valueOf(request.getHeaders().get("authorization"));
        String token = authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        if (!tokens.test(token)) {
            return FakeGemini3.error(
                    401,
                    "UNAUTHENTICATED",
                    "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or"
                            + " other valid authentication credential.");
        }
        tokensSeen.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
        Matcher vertex = VERTEX.matcher(target);
        if (!vertex.matches()) {
            return FakeGemini3.error(404, "NOT_FOUND", "Not found: " + target);
        }
        String publisher = vertex.group(3);
        String model = vertex.group(4);
        String method = vertex.group(5);
        return switch (publisher + ":" + method) {
            case "google:generateContent" -> gemini.answer(body, false, model);
            case "google:streamGenerateContent" -> gemini.answer(body, true, model);
            case "google:predict" -> embeddings(body);
            case "anthropic:rawPredict" -> claude(body, false);
            case "anthropic:streamRawPredict" -> claude(body, true);
            default -> FakeGemini3.error(404, "NOT_FOUND", "Publisher model method not found: " + target);
        };
    }

    private static MockResponse embeddings(String body) {
        JsonNode request = read(body);
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode predictions = answer.putArray("predictions");
        for (JsonNode instance : request.path("instances")) {
            ObjectNode embeddings = predictions.addObject().putObject("embeddings");
            embeddings
                    .putObject("statistics")
                    .put("truncated", false)
                    .put("token_count", instance.path("content").asText().split(" ").length);
            ArrayNode values = embeddings.putArray("values");
            for (float value : EMBEDDING) {
                values.add(value);
            }
        }
        return json(answer.toString());
    }

    private static MockResponse studioBatch(String body) {
        StringBuilder embeddings = new StringBuilder();
        for (JsonNode ignored : read(body).path("requests")) {
            embeddings
                    .append(embeddings.isEmpty() ? "" : ",")
                    .append("{\"values\":")
                    .append(vector())
                    .append('}');
        }
        return json("{\"embeddings\":[" + embeddings + "]}");
    }

    private static String vector() {
        ArrayNode values = JSON.createArrayNode();
        for (float value : EMBEDDING) {
            values.add(value);
        }
        return values.toString();
    }

    private static MockResponse claude(String body, boolean stream) {
        JsonNode request = read(body);
        if (request.has("model")
                || !"vertex-2023-10-16".equals(request.path("anthropic_version").asText())) {
            return new MockResponse.Builder()
                    .code(400)
                    .addHeader("content-type", "application/json")
                    .body("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
                            + "\"anthropic_version: vertex-2023-10-16 is required and model is not allowed\"}}")
                    .build();
        }
        if (stream) {
            return new MockResponse.Builder()
                    .addHeader("content-type", "text/event-stream")
                    .body(event(
                                    "message_start",
                                    "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_vrtx_1\",\"type\":"
                                            + "\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-20250514\","
                                            + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}")
                            + event(
                                    "content_block_start",
                                    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                                            + "{\"type\":\"text\",\"text\":\"\"}}")
                            + event(
                                    "content_block_delta",
                                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                                            + "{\"type\":\"text_delta\",\"text\":\"" + CLAUDE_ANSWER + "\"}}")
                            + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                            + event(
                                    "message_delta",
                                    "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                                            + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":7}}")
                            + event("message_stop", "{\"type\":\"message_stop\"}"))
                    .build();
        }
        return json(
                "{\"id\":\"msg_vrtx_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-20250514\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"" + CLAUDE_ANSWER
                        + "\"}],\"stop_reason\":\"end_turn\","
                        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":9,\"output_tokens\":7}}");
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder()
                .addHeader("content-type", "application/json")
                .body(body)
                .build();
    }
}
