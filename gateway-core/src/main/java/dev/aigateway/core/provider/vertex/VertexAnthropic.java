package dev.aigateway.core.provider.vertex;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.provider.ProviderRequest;

/**
 * What Anthropic's API bodies need on Vertex AI: the model is in the URL, so {@code model} leaves
 * the body, and the body carries {@code anthropic_version}: the target's {@code anthropic_version}
 * when it is one of Vertex's ({@code vertex-...}), else {@value #DEFAULT_VERSION}. (The
 * {@code anthropic-version} header Anthropic's own API takes, which Claude Code sends, names
 * Anthropic's versions, not Vertex's, and is not used.) Token counting keeps {@code model}: Vertex
 * takes it from the body there.
 */
final class VertexAnthropic {
    static final String DEFAULT_VERSION = "vertex-2023-10-16";

    private VertexAnthropic() {}

    static ObjectNode forVertex(ObjectNode body, ProviderRequest request) {
        if (request.endpoint() == Endpoint.MESSAGES_COUNT_TOKENS) {
            body.put("model", VertexModel.of(request).name());
            return body;
        }
        body.remove("model");
        body.put("anthropic_version", version(request));
        return body;
    }

    private static String version(ProviderRequest request) {
        return request.options()
                .field("anthropicVersion")
                .map(String::strip)
                .filter(version -> version.startsWith("vertex-"))
                .orElse(DEFAULT_VERSION);
    }
}
