package dev.aigateway.core.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.error.UnsupportedEndpointException;
import dev.aigateway.core.http.HeaderRules;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.provider.ProviderApi;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.UpstreamPath;
import dev.aigateway.core.provider.vertex.VertexModel.Publisher;
import dev.aigateway.core.provider.vertex.auth.GoogleAuth;
import java.util.Optional;

/**
 * Where Vertex AI lives and how it authenticates (Portkey's {@code google-vertex-ai/api.ts}).
 *
 * <ul>
 *   <li>Base URL: the region's host ({@link VertexLocation}).
 *   <li>Path: {@code /v1/projects/<project>/locations/<region>} and then, by the model's publisher
 *       ({@link VertexModel}): {@code /publishers/google/models/<model>:generateContent} (streams
 *       {@code :streamGenerateContent?alt=sse}, embeddings {@code :predict});
 *       {@code /publishers/anthropic/models/<model>:rawPredict} (streams {@code :streamRawPredict};
 *       token counting {@code /publishers/anthropic/models/count-tokens:rawPredict});
 *       {@code /endpoints/openapi/chat/completions} for the OpenAI-compatible models; for the
 *       proxy, the caller's path below {@code /v1} ({@code /v1/publishers/google/models/<m>:countTokens}
 *       → {@code <prefix>/publishers/google/models/<m>:countTokens}), which can therefore not
 *       leave the target's project and region.
 *   <li>Headers: {@code Authorization: Bearer <token>} from the target's credential
 *       ({@link GoogleAuth}); {@code x-goog-user-project} for user credentials that name a quota
 *       project; for Anthropic's models {@code anthropic-beta} from {@code anthropic_beta} (config
 *       or {@code x-portkey-anthropic-beta}), else the caller's own {@code anthropic-beta} header.
 * </ul>
 */
final class VertexApi implements ProviderApi {
    private final GoogleAuth auth;

    VertexApi(GoogleAuth auth) {
        this.auth = auth;
    }

    @Override
    public String baseUrl(ProviderRequest request) {
        return VertexLocation.baseUrl(VertexLocation.region(request.options()));
    }

    @Override
    public String path(ProviderRequest request, JsonNode providerBody) {
        String region = VertexLocation.region(request.options());
        VertexLocation location = new VertexLocation(
                VertexLocation.project(request.options(), auth.credential(request.options())), region);
        String prefix = location.pathPrefix();
        Endpoint endpoint = request.endpoint();
        if (endpoint == Endpoint.MESSAGES_COUNT_TOKENS) {
            return prefix + "/publishers/anthropic/models/count-tokens:rawPredict";
        }
        if (endpoint == Endpoint.PROXY) {
            return prefix + UpstreamPath.relayed(request);
        }
        VertexModel model = VertexModel.of(request);
        return switch (model.publisher()) {
            case GOOGLE -> prefix + "/publishers/google/models/" + model.pathSegment() + googleMethod(request);
            case ANTHROPIC -> prefix + "/publishers/anthropic/models/" + model.pathSegment()
                    + (request.stream() ? ":streamRawPredict" : ":rawPredict");
            case OPENAI_COMPATIBLE -> prefix + "/endpoints/openapi/chat/completions";
        };
    }

    private static String googleMethod(ProviderRequest request) {
        return switch (request.endpoint()) {
            case EMBED -> ":predict";
            case CHAT_COMPLETE -> request.stream() ? ":streamGenerateContent?alt=sse" : ":generateContent";
            default -> throw new UnsupportedEndpointException(
                    request.endpoint().portkeyName() + " is not supported by vertex-ai for Gemini models");
        };
    }

    @Override
    public void headers(ProviderRequest request, Headers.Builder headers) {
        GoogleAuth.Credential credential = auth.credential(request.options());
        headers.set("authorization", "Bearer " + credential.token());
        credential.quotaProject().ifPresent(project -> headers.set("x-goog-user-project", project));
        if (servesAnthropic(request)) {
            anthropicBeta(request).ifPresent(beta -> headers.set("anthropic-beta", beta));
        }
    }

    private static boolean servesAnthropic(ProviderRequest request) {
        return request.endpoint() == Endpoint.MESSAGES_COUNT_TOKENS
                || (request.endpoint() != Endpoint.PROXY
                        && VertexModel.of(request).publisher() == Publisher.ANTHROPIC);
    }

    private static Optional<String> anthropicBeta(ProviderRequest request) {
        return request.options()
                .field("anthropicBeta")
                .filter(beta -> !beta.isBlank())
                .map(beta -> HeaderRules.checked("anthropic_beta", beta))
                .or(() -> Optional.ofNullable(request.incomingHeaders().value("anthropic-beta"))
                        .filter(beta -> !beta.isBlank())
                        .map(beta -> HeaderRules.checked("header anthropic-beta", beta)));
    }
}
