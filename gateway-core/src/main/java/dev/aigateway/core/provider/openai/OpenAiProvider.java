package dev.aigateway.core.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderApi;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.openaicompat.OpenAiCompatibleProvider;
import java.util.Map;

/**
 * OpenAI (Portkey's {@code providers/openai}): every parameter passes through and answers are
 * relayed byte for byte, Responses ({@code /v1/responses}) streams event by event. Besides chat,
 * completions, embeddings and Responses it serves images, audio, moderations, models, files,
 * batches and stored responses at OpenAI's own paths, and the proxy. Adds
 * {@code OpenAI-Organization}, {@code OpenAI-Project} and
 * {@code OpenAI-Beta} from the provider fields {@code openaiOrganization}, {@code openaiProject} and
 * {@code openaiBeta}.
 */
public final class OpenAiProvider implements Provider, ProviderApi {
    public static final String ID = "openai";
    public static final String BASE_URL = "https://api.openai.com/v1";

    /** OpenAI's routes besides chat, completions, embeddings and Responses, relayed as they are. */
    static final Endpoint[] RELAYED = {
        Endpoint.IMAGE_GENERATE,
        Endpoint.IMAGE_EDIT,
        Endpoint.CREATE_SPEECH,
        Endpoint.CREATE_TRANSCRIPTION,
        Endpoint.CREATE_TRANSLATION,
        Endpoint.MODERATE,
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
        Endpoint.LIST_RESPONSE_INPUT_ITEMS
    };

    private final OpenAiCompatibleProvider base = OpenAiCompatibleProvider.builder(ID)
            .baseUrl(BASE_URL)
            .endpoint(Endpoint.COMPLETE, Endpoint.COMPLETE.openAiPath())
            .endpoint(Endpoint.EMBED, Endpoint.EMBED.openAiPath())
            .endpoint(Endpoint.RESPONSES, Endpoint.RESPONSES.openAiPath())
            .openAiPaths(RELAYED)
            .models("/models")
            .developerAsSystem(false)
            .relay(true)
            .build();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderApi api() {
        return this;
    }

    @Override
    public Map<Endpoint, EndpointTransform> endpoints() {
        return base.endpoints();
    }

    @Override
    public String baseUrl(ProviderRequest request) {
        return BASE_URL;
    }

    @Override
    public String path(ProviderRequest request, JsonNode providerBody) {
        return base.path(request, providerBody);
    }

    @Override
    public void headers(ProviderRequest request, Headers.Builder headers) {
        base.headers(request, headers);
        request.options().field("openaiOrganization").ifPresent(v -> headers.set("OpenAI-Organization", v));
        request.options().field("openaiProject").ifPresent(v -> headers.set("OpenAI-Project", v));
        request.options().field("openaiBeta").ifPresent(v -> headers.set("OpenAI-Beta", v));
    }
}
