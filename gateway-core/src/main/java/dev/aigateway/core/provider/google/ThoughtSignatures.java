package dev.aigateway.core.provider.google;

/**
 * Gemini 3's thought signatures carried inside OpenAI tool call ids.
 *
 * <p>Gemini 3 signs each round of function calls ({@code thoughtSignature} on the first
 * {@code functionCall} part) and answers 400 when the calls come back in the history without it.
 * An OpenAI client echoes back only the fields OpenAI defines: the tool call's {@code id}, its
 * function name and arguments. So the signature travels in the id, as
 * {@code <id>__thought__<signature>}, and is taken out again when the history goes back to Gemini
 * or Vertex AI. The signature is written in base64url without padding, so the id keeps to
 * {@code [A-Za-z0-9_-]} (Anthropic's pattern for tool ids, for histories that move between
 * providers), and restored to Gemini's standard base64. A signature that is not base64 is not
 * carried (with strict compliance off it still reaches the caller as
 * {@code function.thought_signature}).
 */
final class ThoughtSignatures {
    static final String MARKER = "__thought__";

    private ThoughtSignatures() {}

    /** {@code id} carrying {@code signature}, or {@code id} alone when the signature is not base64. */
    static String withSignature(String id, String signature) {
        if (signature == null || signature.isEmpty() || !isBase64(signature)) {
            return id;
        }
        StringBuilder carried = new StringBuilder(id.length() + MARKER.length() + signature.length());
        carried.append(id).append(MARKER);
        for (int i = 0; i < signature.length(); i++) {
            char c = signature.charAt(i);
            if (c != '=') {
                carried.append(c == '+' ? '-' : c == '/' ? '_' : c);
            }
        }
        return carried.toString();
    }

    /** The signature a tool call id carries, in standard base64, or {@code null}. */
    static String fromId(String id) {
        int at = id == null ? -1 : id.lastIndexOf(MARKER);
        if (at < 0 || at + MARKER.length() == id.length()) {
            return null;
        }
        String carried = id.substring(at + MARKER.length());
        StringBuilder signature = new StringBuilder(carried.length() + 3);
        for (int i = 0; i < carried.length(); i++) {
            char c = carried.charAt(i);
            if (!isBase64UrlChar(c)) {
                return null;
            }
            signature.append(c == '-' ? '+' : c == '_' ? '/' : c);
        }
        while (signature.length() % 4 != 0) {
            signature.append('=');
        }
        return signature.toString();
    }

    private static boolean isBase64(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == '=') {
            end--;
        }
        if (value.length() - end > 2) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (!(isAlphanumeric(c) || c == '+' || c == '/')) {
                return false;
            }
        }
        return end > 0;
    }

    private static boolean isBase64UrlChar(char c) {
        return isAlphanumeric(c) || c == '-' || c == '_';
    }

    private static boolean isAlphanumeric(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }
}
