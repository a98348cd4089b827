package dev.aigateway.server.fakes;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A Gemini (AI Studio) upstream speaking the real wire format: {@code generateContent} and
 * {@code streamGenerateContent?alt=sse}, the key in {@code x-goog-api-key}; a missing key gets 403
 * PERMISSION_DENIED and a wrong one 400 INVALID_ARGUMENT, as Gemini answers.
 */
public final class FakeGemini extends Dispatcher {
    public static final String ANSWER = "No, I am Gemini, a model trained by Google.";

    private final String validKey;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile MockResponse override;

    public FakeGemini(String validKey) {
        this.validKey = validKey;
    }

    /** Answers every call with {@code response} instead (e.g. a 500). */
    public void failWith(MockResponse response) {
        this.override = response;
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        calls.incrementAndGet();
        if (override != null) {
            return override;
        }
        String path = request.getTarget();
        String key = request.getHeaders().get("x-goog-api-key");
        if (key == null) {
            return error(
                    403,
                    "PERMISSION_DENIED",
                    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
        }
        if (!Objects.equals(key, validKey)) {
            return error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.");
        }
        String model = path.substring(path.indexOf("/models/") + 8, path.indexOf(':'));
        if (path.contains(":streamGenerateContent")) {
            return new MockResponse.Builder()
                    .code(200)
                    .addHeader("content-type", "text/event-stream")
                    .chunkedBody(
                            event("No, I am Gemini,", null, model)
                                    + event(" a model trained by Google.", "STOP", model),
                            40)
                    .build();
        }
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + ANSWER
                        + "\"}]},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":7,"
                        + "\"candidatesTokenCount\":11,\"totalTokenCount\":18},\"modelVersion\":\"" + model + "\"}")
                .build();
    }

    private static String event(String text, String finishReason, String model) {
        String finish = finishReason == null ? "" : ",\"finishReason\":\"" + finishReason + "\"";
        String usage = finishReason == null
                ? ""
                : ",\"usageMetadata\":{\"promptTokenCount\":7,\"candidatesTokenCount\":11,\"totalTokenCount\":18}";
        return "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + text + "\"}]}"
                + finish + ",\"index\":0}]" + usage + ",\"modelVersion\":\"" + model + "\"}\r\n\r\n";
    }

    private static MockResponse error(int code, String status, String message) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("content-type", "application/json; charset=UTF-8")
                .body("{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status
                        + "\"}}")
                .build();
    }
}
