package dev.aigateway.core.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.error.GatewayException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * OpenAI's {@code encoding_format} for embeddings, for providers that answer with floats only.
 *
 * <p>openai-java (and OpenAI's Python and Node SDKs) ask for {@code "base64"} unless told otherwise
 * and decode each {@code embedding} string as little-endian IEEE 754 float32 values. Providers are
 * asked for floats (their base64, where they have one, is not always OpenAI's layout), and the
 * floats are encoded here when the caller asked for base64, so every provider answers as OpenAI
 * does. Stateless.
 */
public final class EmbeddingEncoding {
    public static final String FLOAT = "float";
    public static final String BASE64 = "base64";

    private EmbeddingEncoding() {}

    /**
     * Whether the caller asked for base64 vectors. {@code float} and an absent field mean floats;
     * any other value is a 400, as OpenAI answers it.
     */
    public static boolean base64Requested(JsonNode params) {
        JsonNode format = params.get("encoding_format");
        if (format == null || format.isNull()) {
            return false;
        }
        String value = format.asText();
        if (BASE64.equals(value)) {
            return true;
        }
        if (FLOAT.equals(value)) {
            return false;
        }
        throw GatewayException.badRequest("encoding_format must be \"float\" or \"base64\", got " + format);
    }

    /** The vector as OpenAI's base64: each number as a little-endian float32, then Base64. */
    public static String toBase64(JsonNode floats) {
        ByteBuffer bytes = ByteBuffer.allocate(floats.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode value : floats) {
            bytes.putFloat(value.floatValue());
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /**
     * Replaces each {@code data[i].embedding} that is an array of numbers with its base64 form, in
     * an OpenAI embeddings answer; vectors already encoded are left as they are.
     */
    public static void encodeData(ObjectNode answer) {
        for (JsonNode item : answer.path("data")) {
            JsonNode vector = item.get("embedding");
            if (item instanceof ObjectNode object && vector != null && vector.isArray()) {
                object.put("embedding", toBase64(vector));
            }
        }
    }

    /**
     * The request's {@code input} as a list of texts: a string, or an array of strings. Token
     * arrays (OpenAI accepts them) are a 400 naming {@code provider}, which embeds text only.
     */
    public static List<String> texts(JsonNode params, String provider) {
        JsonNode input = params.get("input");
        if (input != null && input.isTextual()) {
            return List.of(input.asText());
        }
        if (input != null && input.isArray() && !input.isEmpty()) {
            List<String> texts = new ArrayList<>(input.size());
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    throw GatewayException.badRequest(
                            provider + " embeds text: input must be a string or an array of strings, not tokens");
                }
                texts.add(item.asText());
            }
            return texts;
        }
        throw GatewayException.badRequest("input must be a non-empty string or array of strings");
    }
}
