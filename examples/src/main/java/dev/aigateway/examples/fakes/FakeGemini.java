package dev.aigateway.examples.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An offline stand-in for Gemini's Generative Language API on {@code 127.0.0.1}, speaking its wire
 * format: {@code POST /v1beta/models/<model>:generateContent} answers a
 * {@code GenerateContentResponse}; {@code :streamGenerateContent?alt=sse} streams them as server-sent
 * events (without {@code alt=sse}, as one streamed JSON array). The key goes in the
 * {@code x-goog-api-key} header (or {@code ?key=}); as Gemini does, a missing key gets 403
 * {@code PERMISSION_DENIED} and a wrong one 400 {@code INVALID_ARGUMENT} "API key not valid".
 *
 * <pre>{@code
 * try (FakeGemini gemini = FakeGemini.start("fake-gemini-key", 0)) {
 *     String customHost = gemini.url(); // http://127.0.0.1:<port>, where Gemini's base URL would go
 * }
 * }</pre>
 */
public final class FakeGemini implements AutoCloseable {
    static final String KEY_HEADER = "x-goog-api-key";
    static final String MISSING_KEY_MESSAGE = "Method doesn't allow unregistered callers (callers without established"
            + " identity). Please use API Key or other form of API consumer identity to call this API.";
    static final String INVALID_KEY_MESSAGE = "API key not valid. Please pass a valid API key.";

    private static final Pattern PATH =
            Pattern.compile("^/(v1beta|v1alpha|v1)/models/([^/:]+):(generateContent|streamGenerateContent)$");

    private final String validKey;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile String lastOutcome = "no request yet";
    private final LoopbackServer server;

    private FakeGemini(String validKey, int port) {
        this.validKey = validKey;
        this.server = LoopbackServer.start(port, this::handle);
    }

    /** Starts a fake Gemini that accepts only {@code validKey}, on {@code port} (0 picks a free one). */
    public static FakeGemini start(String validKey, int port) {
        return new FakeGemini(validKey, port);
    }

    /** The base URL, {@code http://127.0.0.1:<port>}: the {@code custom_host} of a google target. */
    public String url() {
        return server.url();
    }

    /** How many requests arrived, answered or refused. */
    public int requestCount() {
        return requests.get();
    }

    /** How the last request was answered, e.g. {@code 200 OK} or {@code 403 PERMISSION_DENIED}. */
    public String lastOutcome() {
        return lastOutcome;
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpServerExchange exchange) throws IOException {
        requests.incrementAndGet();
        Matcher path = PATH.matcher(exchange.getRequestPath());
        if (!Methods.POST.equals(exchange.getRequestMethod()) || !path.matches()) {
            error(exchange, 404, "NOT_FOUND", "Method not found.");
            return;
        }
        Optional<String> key = apiKey(exchange);
        if (key.isEmpty()) {
            error(exchange, 403, "PERMISSION_DENIED", MISSING_KEY_MESSAGE);
            return;
        }
        if (!key.get().equals(validKey)) {
            invalidKey(exchange);
            return;
        }
        String version = path.group(1);
        String model = path.group(2);
        if (!model.startsWith("gemini")) {
            error(
                    exchange,
                    404,
                    "NOT_FOUND",
                    "models/" + model + " is not found for API version " + version
                            + ", or is not supported for generateContent. Call ListModels to see the list of available"
                            + " models and their supported methods.");
            return;
        }
        Optional<JsonNode> body = Wire.readJson(exchange);
        if (body.isEmpty() || !body.get().isObject()) {
            error(exchange, 400, "INVALID_ARGUMENT", "Invalid JSON payload received. Unexpected token.");
            return;
        }
        JsonNode contents = body.get().path("contents");
        if (!contents.isArray() || contents.isEmpty()) {
            error(exchange, 400, "INVALID_ARGUMENT", "* GenerateContentRequest.contents: contents is not specified\n");
            return;
        }
        String prompt = lastUserText(contents);
        String reply = Replies.gemini(prompt);
        String responseId = "fake-gemini-" + ids.incrementAndGet();
        lastOutcome = "200 OK";
        if (path.group(3).equals("generateContent")) {
            ObjectNode response = response(List.of(reply), true, model, responseId, prompt, reply);
            Wire.sendJson(exchange, 200, response);
        } else if ("sse".equals(query(exchange, "alt").orElse(""))) {
            streamSse(exchange, model, responseId, prompt, reply);
        } else {
            streamJsonArray(exchange, model, responseId, prompt, reply);
        }
    }

    private static Optional<String> apiKey(HttpServerExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(KEY_HEADER);
        Optional<String> key = header != null ? Optional.of(header) : query(exchange, "key");
        return key.filter(value -> !value.isBlank());
    }

    private static Optional<String> query(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The text of the last user turn: what the caller just asked. */
    private static String lastUserText(JsonNode contents) {
        JsonNode last = contents.get(contents.size() - 1);
        for (int i = contents.size() - 1; i >= 0; i--) {
            if (contents.get(i).path("role").asText("user").equals("user")) {
                last = contents.get(i);
                break;
            }
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : last.path("parts")) {
            text.append(part.path("text").asText(""));
        }
        return text.toString();
    }

    private static void streamSse(
            HttpServerExchange exchange, String model, String responseId, String prompt, String reply)
            throws IOException {
        OutputStream out = Wire.startStream(exchange, "text/event-stream");
        List<String> pieces = Replies.pieces(reply);
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = i == pieces.size() - 1;
            ObjectNode chunk = response(List.of(pieces.get(i)), last, model, responseId, prompt, reply);
            // Gemini ends its SSE lines with CRLF.
            Wire.sendEvent(out, Json.text(chunk), "\r\n");
        }
    }

    private static void streamJsonArray(
            HttpServerExchange exchange, String model, String responseId, String prompt, String reply)
            throws IOException {
        OutputStream out = Wire.startStream(exchange, "application/json; charset=UTF-8");
        List<String> pieces = Replies.pieces(reply);
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = i == pieces.size() - 1;
            ObjectNode chunk = response(List.of(pieces.get(i)), last, model, responseId, prompt, reply);
            String framed = (i == 0 ? "[" : ",\r\n") + Json.text(chunk) + (last ? "]" : "");
            out.write(framed.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /**
     * A {@code GenerateContentResponse} with one candidate. {@code finished} adds
     * {@code finishReason} and the completion's token counts, as Gemini does on its last chunk.
     */
    private static ObjectNode response(
            List<String> texts, boolean finished, String model, String responseId, String prompt, String reply) {
        ObjectNode response = Json.object();
        ObjectNode candidate = response.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        ArrayNode parts = content.putArray("parts");
        texts.forEach(text -> parts.addObject().put("text", text));
        content.put("role", "model");
        if (finished) {
            candidate.put("finishReason", "STOP");
        }
        candidate.put("index", 0);
        int promptTokens = Replies.tokens(prompt);
        int replyTokens = finished ? Replies.tokens(reply) : 0;
        ObjectNode usage = response.putObject("usageMetadata");
        usage.put("promptTokenCount", promptTokens);
        if (finished) {
            usage.put("candidatesTokenCount", replyTokens);
        }
        usage.put("totalTokenCount", promptTokens + replyTokens);
        usage.putArray("promptTokensDetails")
                .addObject()
                .put("modality", "TEXT")
                .put("tokenCount", promptTokens);
        response.put("modelVersion", model);
        response.put("responseId", responseId);
        return response;
    }

    private void invalidKey(HttpServerExchange exchange) {
        ObjectNode body = errorBody(400, "INVALID_ARGUMENT", INVALID_KEY_MESSAGE);
        ObjectNode error = (ObjectNode) body.get("error");
        error.putArray("details")
                .add(Json.object()
                        .put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
                        .put("reason", "API_KEY_INVALID")
                        .put("domain", "googleapis.com")
                        .set("metadata", Json.object().put("service", "generativelanguage.googleapis.com")))
                .add(Json.object()
                        .put("@type", "type.googleapis.com/google.rpc.LocalizedMessage")
                        .put("locale", "en-US")
                        .put("message", INVALID_KEY_MESSAGE));
        lastOutcome = "400 INVALID_ARGUMENT";
        Wire.sendJson(exchange, 400, body);
    }

    private void error(HttpServerExchange exchange, int code, String status, String message) {
        lastOutcome = code + " " + status;
        Wire.sendJson(exchange, code, errorBody(code, status, message));
    }

    /** Gemini's error JSON: {@code {"error":{"code":403,"message":...,"status":"PERMISSION_DENIED"}}}. */
    private static ObjectNode errorBody(int code, String status, String message) {
        ObjectNode body = Json.object();
        body.putObject("error").put("code", code).put("message", message).put("status", status);
        return body;
    }
}
