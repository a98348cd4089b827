package dev.aigateway.server;

/** Gemini {@code generateContent} wire bodies for the loopback fakes. */
final class GeminiWire {
    static final String FUNCTION_CALL = "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":"
            + "{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}}],\"role\":\"model\"},\"finishReason\":\"STOP\","
            + "\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":20,\"candidatesTokenCount\":5,"
            + "\"totalTokenCount\":25},\"modelVersion\":\"gemini-2.5-flash\"}";

    static final String TEXT_STREAM = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hello\"}],"
            + "\"role\":\"model\"},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":6,\"candidatesTokenCount\":1,"
            + "\"totalTokenCount\":7},\"modelVersion\":\"gemini-2.5-flash\"}\n\n"
            + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" there\"}],\"role\":\"model\"},"
            + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":6,"
            + "\"candidatesTokenCount\":2,\"totalTokenCount\":8},\"modelVersion\":\"gemini-2.5-flash\"}\n\n";

    static final String RATE_LIMITED = "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted\","
            + "\"status\":\"RESOURCE_EXHAUSTED\"}}";

    private GeminiWire() {}

    static String answer(String text) {
        return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + text + "\"}],\"role\":\"model\"},"
                + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":6,"
                + "\"candidatesTokenCount\":3,\"totalTokenCount\":9},\"modelVersion\":\"gemini-2.5-flash\"}";
    }
}
