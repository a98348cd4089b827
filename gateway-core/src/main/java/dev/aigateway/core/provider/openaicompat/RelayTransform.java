package dev.aigateway.core.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.ProviderErrors;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;

/**
 * Sends the caller's request as it came and passes the answer back unread: for routes whose
 * provider speaks OpenAI's API as it is (images, audio, moderations, models, files, batches,
 * stored responses) and for the proxy. Errors come in OpenAI's envelope, or, for the proxy, as the
 * upstream sent them. Stateless and thread-safe.
 */
public final class RelayTransform implements EndpointTransform {
    private final String provider;
    private final boolean relaysErrors;

    private RelayTransform(String provider, boolean relaysErrors) {
        this.provider = provider;
        this.relaysErrors = relaysErrors;
    }

    /** Answers relayed; errors mapped into OpenAI's envelope, marked with {@code provider}. */
    public static RelayTransform of(String provider) {
        return new RelayTransform(provider, false);
    }

    /** The proxy: answers and errors relayed as the upstream sent them. */
    public static RelayTransform proxy(String provider) {
        return new RelayTransform(provider, true);
    }

    @Override
    public JsonNode request(ProviderRequest request) {
        return request.params();
    }

    @Override
    public JsonNode response(JsonNode providerBody, ProviderRequest request) {
        return providerBody;
    }

    @Override
    public ObjectNode error(int status, byte[] body, ProviderRequest request) {
        return ProviderErrors.openAiStyle(provider, status, body);
    }

    @Override
    public StreamTransform stream(ProviderRequest request) {
        return RelayStream.verbatim(ChoiceTracker.forRequest(request.params()));
    }

    @Override
    public boolean relaysResponse() {
        return true;
    }

    @Override
    public boolean relaysErrors() {
        return relaysErrors;
    }
}
