package dev.aigateway.core.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.internal.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * OpenAI's embeddings request and answer, for providers that embed text and answer with floats
 * only.
 *
 * <p>OpenAI's {@code encoding_format} is {@code float} (a JSON array) or {@code base64} (the vector
 * as little-endian IEEE 754 float32 values, base64-encoded). openai-java (and OpenAI's Python and
 * Node SDKs) ask for {@code base64} unless told otherwise and decode it. Providers are asked for
 * floats (their base64, where they have one, is not always OpenAI's layout), and the floats are
 * encoded here when the caller asked for base64, so every provider answers as OpenAI does.
 * Stateless.
 */
public final class EmbeddingEncoding {
    public static final String FLOAT = "float";
    public static final String BASE64 = "base64";

    private EmbeddingEncoding() {}

    /**
     * Refuses, with a 400 as OpenAI answers it, what no provider here takes for embeddings: an
     * {@code encoding_format} other than {@code float} or {@code base64}, and {@code "stream": true}.
     */
    public static void checkRequest(ProviderRequest request) {
        base64Requested(request);
        if (request.params().path("stream").asBoolean(false)) {
            throw GatewayException.badRequest("embeddings cannot be streamed: remove \"stream\": true");
        }
    }

    /**
     * Whether the caller asked for base64 vectors. {@code float} and an absent field mean floats;
     * any other value is a 400, as OpenAI answers it.
     */
    public static boolean base64Requested(ProviderRequest request) {
        JsonNode format = request.params().get("encoding_format");
        if (format == null || format.isNull()) {
            return false;
        }
        String value = format.isTextual() ? format.asText() : "";
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

    /** {@code floats} as OpenAI's {@code embedding} value: the array itself, or its base64 form. */
    private static JsonNode embedding(JsonNode floats, boolean base64) {
        return base64 ? TextNode.valueOf(toBase64(floats)) : floats;
    }

    /**
     * Replaces each {@code data[i].embedding} that is an array of numbers with its base64 form, in
     * an OpenAI embeddings answer; vectors already encoded are left as they are.
     */
    public static void encodeData(ObjectNode answer) {
        for (JsonNode item : answer.path("data")) {
            JsonNode vector = item.get("embedding");
            if (item instanceof ObjectNode object && vector != null && vector.isArray()) {
                object.set("embedding", embedding(vector, true));
            }
        }
    }

    /**
     * OpenAI's {@code {"object":"list","data":[...],"model","usage","provider"}} for
     * {@code vectors} (arrays of floats), in order, encoded as the caller asked; the usage counts
     * only input tokens, as OpenAI's does.
     */
    public static ObjectNode list(
            Iterable<JsonNode> vectors, String model, long promptTokens, ProviderRequest request) {
        boolean base64 = base64Requested(request);
        ObjectNode out = Json.object().put("object", "list");
        ArrayNode data = out.putArray("data");
        int index = 0;
        for (JsonNode vector : vectors) {
            data.addObject()
                    .put("object", "embedding")
                    .put("index", index++)
                    .set("embedding", embedding(vector, base64));
        }
        out.put("model", model);
        out.putObject("usage").put("prompt_tokens", promptTokens).put("total_tokens", promptTokens);
        out.put("provider", request.providerId());
        return out;
    }

    /**
     * The request's {@code input} as a list of texts: a string, or an array of strings, after
     * {@link #checkRequest}. Token arrays (OpenAI accepts them) are a 400 naming the provider, which
     * embeds text only; so is empty input.
     */
    public static List<String> texts(ProviderRequest request) {
        checkRequest(request);
        JsonNode input = request.params().get("input");
        if (input != null && input.isTextual()) {
            return List.of(input.asText());
        }
        if (input != null && input.isArray() && !input.isEmpty()) {
            List<String> texts = new ArrayList<>(input.size());
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    throw GatewayException.badRequest(request.providerId()
                            + " embeds text: input must be a string or an array of strings, not tokens");
                }
                texts.add(item.asText());
            }
            return texts;
        }
        throw GatewayException.badRequest("input must be a non-empty string or array of strings");
    }
}
