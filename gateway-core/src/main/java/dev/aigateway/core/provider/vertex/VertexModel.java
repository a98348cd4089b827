package dev.aigateway.core.provider.vertex;

import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.PercentEncoding;
import dev.aigateway.core.provider.ProviderRequest;
import java.util.Locale;

/**
 * Which publisher serves a request's {@code model} on Vertex AI, and the model's name there.
 *
 * <ul>
 *   <li>{@code anthropic.<m>} (Portkey's form), {@code anthropic/<m>},
 *       {@code publishers/anthropic/models/<m>} and any {@code claude-*} name: Anthropic's models,
 *       through {@code rawPredict}/{@code streamRawPredict};
 *   <li>{@code google.<m>}, {@code google/<m>}, {@code publishers/google/models/<m>} and every name
 *       without a publisher: Gemini, through {@code generateContent};
 *   <li>{@code meta.<m>} (Portkey's form, sent as {@code meta/<m>}) and any other
 *       {@code <publisher>/<m>} ({@code meta/llama-4-maverick-17b-128e-instruct-maas},
 *       {@code deepseek-ai/deepseek-r1-0528-maas}, {@code qwen/...}, {@code openai/gpt-oss-...}):
 *       Vertex's OpenAI-compatible endpoint for partner and open models, with the model as named.
 * </ul>
 *
 * Portkey's {@code mistralai.} and {@code endpoints.} prefixes (Mistral's own API, deployed
 * endpoints) are answered with a 400: not served here yet.
 *
 * @param name the model as the publisher knows it
 */
record VertexModel(Publisher publisher, String name) {
    enum Publisher {
        GOOGLE,
        ANTHROPIC,
        OPENAI_COMPATIBLE
    }

    static VertexModel of(ProviderRequest request) {
        return of(request.model());
    }

    static VertexModel of(String model) {
        String name = model.strip();
        if (name.isEmpty()) {
            throw GatewayException.badRequest("Model is required");
        }
        if (PercentEncoding.hasControlCharacter(name)) {
            throw GatewayException.badRequest("Invalid model: it must not hold control characters such as CR or LF");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"mistralai.", "endpoints."}) {
            if (lower.startsWith(prefix)) {
                throw GatewayException.badRequest("vertex-ai: models named " + prefix
                        + "<model> (Mistral's API, deployed endpoints) are not supported by this gateway yet");
            }
        }
        if (lower.startsWith("publishers/")) {
            String[] parts = name.split("/", 4);
            if (parts.length == 4 && parts[2].equals("models")) {
                return of(parts[1] + "/" + parts[3]);
            }
        }
        for (Publisher publisher : new Publisher[] {Publisher.ANTHROPIC, Publisher.GOOGLE}) {
            String id = publisher.name().toLowerCase(Locale.ROOT);
            if (lower.startsWith(id + ".") || lower.startsWith(id + "/")) {
                return new VertexModel(publisher, name.substring(id.length() + 1));
            }
        }
        if (lower.startsWith("claude-")) {
            return new VertexModel(Publisher.ANTHROPIC, name);
        }
        if (lower.startsWith("meta.")) {
            return new VertexModel(Publisher.OPENAI_COMPATIBLE, "meta/" + name.substring("meta.".length()));
        }
        if (name.contains("/")) {
            return new VertexModel(Publisher.OPENAI_COMPATIBLE, name);
        }
        return new VertexModel(Publisher.GOOGLE, name);
    }

    /**
     * The name as one path segment: percent-encoded, so that it can neither leave the
     * {@code models/} collection nor pick another method, except {@code @}, which Vertex's version
     * suffixes use ({@code claude-sonnet-4@20250514}) and which is safe in a path segment.
     */
    String pathSegment() {
        if (PercentEncoding.isDotSegment(name)) {
            throw GatewayException.badRequest("Invalid model: " + name);
        }
        return PercentEncoding.encode(name).replace("%40", "@");
    }
}
