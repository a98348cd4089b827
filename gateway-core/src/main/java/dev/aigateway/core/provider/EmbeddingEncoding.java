package dev.aigateway.core.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.internal.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * OpenAI's embeddings answer for providers that return plain float vectors. OpenAI's
 * {@code encoding_format} is {@code float} (a JSON array) or {@code base64} (the vector as
 * little-endian 32-bit floats, base64-encoded), and the official SDKs ask for {@code base64} by
 * default and decode it, so a provider that only returns floats gets them encoded here.
 */
public final class EmbeddingEncoding {
    private EmbeddingEncoding() {}

    /**
     * Whether the caller asked for base64; a value other than {@code float} or {@code base64} is a
     * 400, as OpenAI answers it.
     */
    public static boolean wantsBase64(ProviderRequest request) {
        JsonNode format = request.params().get("encoding_format");
        if (format == null || format.isNull()) {
            return false;
        }
        String value = format.asText("");
        if (!format.isTextual() || !(value.equals("float") || value.equals("base64"))) {
            throw GatewayException.badRequest("encoding_format must be \"float\" or \"base64\"");
        }
        return value.equals("base64");
    }

    /** {@code floats} as OpenAI's {@code embedding} value: the array itself, or its base64 form. */
    public static JsonNode embedding(JsonNode floats, boolean base64) {
        if (!base64) {
            return floats;
        }
        ByteBuffer bytes = ByteBuffer.allocate(floats.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode value : floats) {
            bytes.putFloat(value.floatValue());
        }
        return TextNode.valueOf(Base64.getEncoder().encodeToString(bytes.array()));
    }

    /**
     * OpenAI's {@code {"object":"list","data":[...],"model","usage"}} for {@code vectors}, in order;
     * the usage counts only input tokens, as OpenAI's does.
     */
    public static ObjectNode list(ArrayNode vectors, String model, long promptTokens, ProviderRequest request) {
        boolean base64 = wantsBase64(request);
        ObjectNode out = Json.object().put("object", "list");
        ArrayNode data = out.putArray("data");
        for (int i = 0; i < vectors.size(); i++) {
            data.addObject()
                    .put("object", "embedding")
                    .put("index", i)
                    .set("embedding", embedding(vectors.get(i), base64));
        }
        out.put("model", model);
        out.putObject("usage").put("prompt_tokens", promptTokens).put("total_tokens", promptTokens);
        out.put("provider", request.providerId());
        return out;
    }

    /**
     * The texts of OpenAI's {@code input}: a string or an array of strings. Token arrays (which
     * OpenAI also takes), empty input and {@code "stream": true} are a 400: the providers using
     * this embed text only, and answer at once.
     */
    public static ArrayNode texts(ProviderRequest request) {
        if (request.stream()) {
            throw GatewayException.badRequest("embeddings do not stream: remove \"stream\": true");
        }
        JsonNode input = request.params().get("input");
        ArrayNode texts = Json.array();
        if (input != null && input.isTextual()) {
            texts.add(input.asText());
        } else if (input != null && input.isArray()) {
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    throw GatewayException.badRequest(
                            request.providerId() + " embeds text only: input must be a string or an array of strings");
                }
                texts.add(item.asText());
            }
        }
        if (texts.isEmpty()) {
            throw GatewayException.badRequest("input must be a non-empty string or array of strings");
        }
        return texts;
    }
}
