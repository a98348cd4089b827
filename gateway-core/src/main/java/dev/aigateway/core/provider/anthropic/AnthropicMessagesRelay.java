package dev.aigateway.core.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.format.MessagesFormat;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.FormatRelayStream;
import dev.aigateway.core.provider.ProviderErrors;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Anthropic's Messages API ({@code /v1/messages}, {@code /v1/messages/count_tokens}) relayed
 * without loss: the caller's body is sent byte for byte (unknown fields, {@code cache_control},
 * beta features), answers are relayed as Anthropic sent them, streams event by event, and errors
 * keep Anthropic's shape. Coding agents depend on this: a gateway that rewrites or drops these
 * fields breaks them. Stateless and thread-safe.
 *
 * <p>Where the call goes and how it authenticates is the {@link dev.aigateway.core.provider.ProviderApi}'s
 * job, so a provider that serves Anthropic's models elsewhere reuses this transform with its own
 * API: Vertex AI and Bedrock want the model in the URL and their own {@code anthropic_version} in
 * the body, which {@link #withBodyEdit} expresses (Bedrock's binary event stream also needs its
 * own {@link #streamReader}).
 */
public final class AnthropicMessagesRelay implements EndpointTransform {
    private final String providerId;
    private final Optional<BiFunction<ObjectNode, ProviderRequest, ObjectNode>> bodyEdit;

    private AnthropicMessagesRelay(
            String providerId, Optional<BiFunction<ObjectNode, ProviderRequest, ObjectNode>> bodyEdit) {
        this.providerId = providerId;
        this.bodyEdit = bodyEdit;
    }

    /** The caller's body as it came, for Anthropic's own API. */
    public static AnthropicMessagesRelay create(String providerId) {
        return new AnthropicMessagesRelay(providerId, Optional.empty());
    }

    /**
     * The caller's body changed by {@code edit}, which gets a copy it may change and returns the
     * body to send (for Vertex AI: remove {@code model}, add {@code anthropic_version}).
     */
    public static AnthropicMessagesRelay withBodyEdit(
            String providerId, BiFunction<ObjectNode, ProviderRequest, ObjectNode> edit) {
        return new AnthropicMessagesRelay(providerId, Optional.of(edit));
    }

    @Override
    public JsonNode request(ProviderRequest request) {
        // The params themselves mean "unchanged": the gateway then sends the caller's bytes.
        return bodyEdit.<JsonNode>map(edit -> edit.apply(request.params().deepCopy(), request))
                .orElse(request.params());
    }

    @Override
    public JsonNode response(JsonNode providerBody, ProviderRequest request) {
        return providerBody;
    }

    /**
     * Anthropic's own error body as it came; any other body (a proxy's HTML page, an empty 502)
     * becomes Anthropic's shape with the type Anthropic uses for the status.
     */
    @Override
    public ObjectNode error(int status, byte[] body, ProviderRequest request) {
        JsonNode json = Json.parseOrNull(body);
        if (json instanceof ObjectNode object
                && "error".equals(object.path("type").asText())
                && object.path("error").isObject()) {
            return object;
        }
        String message = json != null && json.path("error").path("message").isTextual()
                ? json.path("error").path("message").asText()
                : ProviderErrors.rawText(status, body);
        return MessagesFormat.error(MessagesFormat.errorType(status), providerId + " error: " + message);
    }

    @Override
    public StreamTransform stream(ProviderRequest request) {
        return new FormatRelayStream(request.endpoint().format());
    }

    @Override
    public boolean relaysResponse() {
        return true;
    }
}
