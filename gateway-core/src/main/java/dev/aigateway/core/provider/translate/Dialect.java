package dev.aigateway.core.provider.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.provider.ProviderRequest;
import java.util.Set;

/** One API translated to and from chat completions (Responses, Messages). Stateless. */
interface Dialect {
    /**
     * The chat completion parameters for a request of this API. Throws
     * {@link dev.aigateway.core.error.GatewayException} (400) for what chat completions cannot
     * express, rather than dropping it.
     *
     * @param extensions chat parameters beyond OpenAI's that the provider reads
     */
    ObjectNode toChat(ProviderRequest request, Set<String> extensions);

    /**
     * This API's answer for a chat completion. A body that is not a chat completion (an error the
     * chat transform made of a bad answer) is returned as it is, for the format's answer check.
     */
    JsonNode fromChat(JsonNode chat, ProviderRequest request);

    /** This API's error body for the OpenAI error envelope the chat transform made. */
    ObjectNode error(int status, ObjectNode envelope);

    /** The state that turns one chat stream into this API's events. */
    ChatStreamWriter streamWriter(ProviderRequest request);
}
