package dev.aigateway.server.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;

/**
 * A Gemini 3 model's {@code generateContent} and {@code streamGenerateContent?alt=sse}, as served
 * by AI Studio and Vertex AI alike. Offered tools, it calls {@code get_weather} and signs the call
 * with a fresh {@code thoughtSignature} (base64 with {@code +} and {@code /}, as real ones have);
 * given the function's result, it answers with it. Like Gemini 3, it refuses (400
 * {@code INVALID_ARGUMENT}) a history whose function call comes back without the exact signature
 * it gave.
 */
public final class FakeGemini3 {
    public static final String MISSING_SIGNATURE = "Function call is missing a thought_signature in functionCall parts."
            + " This is required for tools to work correctly, and missing thought_signature may lead to degraded"
            + " model performance.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> signatures = ConcurrentHashMap.newKeySet();
    private final AtomicInteger calls = new AtomicInteger();

    /** The answer to a {@code generateContent} body, streamed or not. */
    public MockResponse answer(String body, boolean stream, String model) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
        }
        String problem = signatureProblem(request.path("contents"));
        if (problem != null) {
            return error(400, "INVALID_ARGUMENT", problem);
        }
        ObjectNode content = JSON.createObjectNode().put("role", "model");
        ArrayNode parts = content.putArray("parts");
        JsonNode result = lastFunctionResult(request.path("contents"));
        if (result != null) {
            parts.addObject().put("text", "It is " + result.path("output").asText() + " in Paris.");
        } else if (request.path("tools").size() > 0) {
            String signature = java.util.Base64.getEncoder()
                    .encodeToString(("\u00fb\u00ef\u00be\u00ff\u00ff\u00ff-signature-" + calls.incrementAndGet())
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            signatures.add(signature);
            ObjectNode call = parts.addObject();
            call.putObject("functionCall")
                    .put("name", "get_weather")
                    .putObject("args")
                    .put("city", "Paris");
            call.put("thoughtSignature", signature);
        } else {
            parts.addObject().put("text", "Hello from Gemini 3.");
        }
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode candidate = answer.putArray("candidates").addObject();
        candidate.set("content", content);
        candidate.put("finishReason", "STOP");
        answer.putObject("usageMetadata")
                .put("promptTokenCount", 12)
                .put("candidatesTokenCount", 6)
                .put("totalTokenCount", 18);
        answer.put("modelVersion", model);
        if (stream) {
            return new MockResponse.Builder()
                    .addHeader("content-type", "text/event-stream")
                    .body("data: " + answer + "\r\n\r\n")
                    .build();
        }
        return new MockResponse.Builder()
                .addHeader("content-type", "application/json")
                .body(answer.toString())
                .build();
    }

    /** Gemini 3's rule: the first function call of each model turn carries the signature it was given. */
    private String signatureProblem(JsonNode contents) {
        int position = 0;
        for (JsonNode turn : contents) {
            boolean first = true;
            for (JsonNode part : turn.path("parts")) {
                position++;
                if (!"model".equals(turn.path("role").asText()) || !part.has("functionCall")) {
                    continue;
                }
                if (first && !signatures.contains(part.path("thoughtSignature").asText(""))) {
                    return MISSING_SIGNATURE + " Additional data, function call `default_api:"
                            + part.path("functionCall").path("name").asText() + "` , position " + position + ".";
                }
                first = false;
            }
        }
        return null;
    }

    private static JsonNode lastFunctionResult(JsonNode contents) {
        JsonNode last = contents.size() == 0 ? null : contents.get(contents.size() - 1);
        if (last == null) {
            return null;
        }
        for (JsonNode part : last.path("parts")) {
            if (part.has("functionResponse")) {
                return part.path("functionResponse").path("response");
            }
        }
        return null;
    }

    static MockResponse error(int code, String status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message).put("status", status);
        return new MockResponse.Builder()
                .code(code)
                .addHeader("content-type", "application/json; charset=UTF-8")
                .body(body.toString())
                .build();
    }
}
