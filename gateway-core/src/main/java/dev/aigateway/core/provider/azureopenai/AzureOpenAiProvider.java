package dev.aigateway.core.provider.azureopenai;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderApi;
import dev.aigateway.core.provider.openaicompat.OpenAiCompatibleProvider;
import java.util.Map;

/**
 * Azure OpenAI (Portkey's {@code providers/azure-openai}), serving {@code chatComplete} and
 * {@code createModelResponse} (relayed, streams event by event). Bodies are
 * OpenAI's: requests pass through (with {@code developer} messages kept, as Azure accepts them) and
 * answers and streams are relayed unchanged, as Portkey relays them. Where the call goes and how it
 * authenticates is {@link AzureOpenAiApi}'s job. Stateless and thread-safe.
 */
public final class AzureOpenAiProvider implements Provider {
    public static final String ID = "azure-openai";

    private final AzureOpenAiApi api = new AzureOpenAiApi();
    private final OpenAiCompatibleProvider base = OpenAiCompatibleProvider.builder(ID)
            .baseUrl(api::baseUrl)
            .developerAsSystem(false)
            .relay(true)
            .endpoint(Endpoint.RESPONSES, Endpoint.RESPONSES.openAiPath())
            // The v1 API and Responses have no deployment in their path: it is named as the model.
            .rewrite(
                    request -> (AzureOpenAiApi.isV1(request) || request.endpoint() == Endpoint.RESPONSES)
                            && AzureOpenAiApi.field(request, AzureOpenAiApi.DEPLOYMENT_ID)
                                    .isPresent(),
                    (body, request) -> body.put(
                            "model",
                            AzureOpenAiApi.field(request, AzureOpenAiApi.DEPLOYMENT_ID)
                                    .orElseThrow()))
            .build();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderApi api() {
        return api;
    }

    @Override
    public Map<Endpoint, EndpointTransform> endpoints() {
        return base.endpoints();
    }
}
