package dev.aigateway.core.provider.azureopenai;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderApi;
import dev.aigateway.core.provider.openaicompat.OpenAiCompatibleProvider;
import java.util.Map;

/**
 * Azure OpenAI (Portkey's {@code providers/azure-openai}), serving chat completions, completions,
 * embeddings, Responses ({@code createModelResponse}, relayed, streams event by event), images,
 * audio, models, files, batches, stored responses and the proxy. Bodies are
 * OpenAI's: requests pass through (with {@code developer} messages kept, as Azure accepts them) and
 * answers and streams are relayed unchanged, as Portkey relays them. Where the call goes and how it
 * authenticates is {@link AzureOpenAiApi}'s job. Stateless and thread-safe.
 */
public final class AzureOpenAiProvider implements Provider {
    public static final String ID = "azure-openai";

    private final AzureOpenAiApi api = new AzureOpenAiApi();
    private final OpenAiCompatibleProvider base = OpenAiCompatibleProvider.builder(ID)
            .baseUrl(api::baseUrl)
            .openAiPaths(
                    Endpoint.COMPLETE,
                    Endpoint.EMBED,
                    Endpoint.IMAGE_GENERATE,
                    Endpoint.IMAGE_EDIT,
                    Endpoint.CREATE_SPEECH,
                    Endpoint.CREATE_TRANSCRIPTION,
                    Endpoint.CREATE_TRANSLATION,
                    Endpoint.UPLOAD_FILE,
                    Endpoint.LIST_FILES,
                    Endpoint.RETRIEVE_FILE,
                    Endpoint.DELETE_FILE,
                    Endpoint.RETRIEVE_FILE_CONTENT,
                    Endpoint.CREATE_BATCH,
                    Endpoint.LIST_BATCHES,
                    Endpoint.RETRIEVE_BATCH,
                    Endpoint.CANCEL_BATCH,
                    Endpoint.GET_MODEL_RESPONSE,
                    Endpoint.DELETE_MODEL_RESPONSE,
                    Endpoint.LIST_RESPONSE_INPUT_ITEMS)
            .models("/models")
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
