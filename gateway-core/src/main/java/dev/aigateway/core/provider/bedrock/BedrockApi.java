package dev.aigateway.core.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.http.PercentEncoding;
import dev.aigateway.core.provider.ProviderApi;
import dev.aigateway.core.provider.ProviderRequest;
import java.util.regex.Pattern;

/**
 * Where Bedrock's runtime lives and how a call to it is signed (Portkey's {@code bedrock/api.ts}):
 * {@code https://bedrock-runtime.<aws_region>.amazonaws.com/model/<model>/<action>}, with AWS's
 * SigV4 signature over the whole request ({@link BedrockSigner}). The region goes into the host
 * and the model into the path, both from caller input: the region must look like an AWS region
 * (so it cannot name another host), and the model is percent-encoded as one path segment (so it
 * cannot leave {@code /model/} or pick another action). Stateless and thread-safe.
 */
final class BedrockApi implements ProviderApi {
    static final String DEFAULT_REGION = "us-east-1";
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");

    private final BedrockSigner signer;

    BedrockApi(BedrockSigner signer) {
        this.signer = signer;
    }

    @Override
    public String baseUrl(ProviderRequest request) {
        return "https://bedrock-runtime." + region(request) + ".amazonaws.com";
    }

    /**
     * Chat goes to Converse ({@code /converse}, {@code /converse-stream}); embeddings and Anthropic
     * Messages to the model's own API ({@code /invoke}, {@code /invoke-with-response-stream}).
     */
    @Override
    public String path(ProviderRequest request, JsonNode providerBody) {
        String action;
        if (request.endpoint() == Endpoint.CHAT_COMPLETE) {
            action = request.stream() ? "converse-stream" : "converse";
        } else {
            action = request.stream() ? "invoke-with-response-stream" : "invoke";
        }
        return "/model/" + modelSegment(request) + "/" + action;
    }

    @Override
    public void headers(ProviderRequest request, Headers.Builder headers) {
        if (request.stream()) {
            headers.set("accept", "application/vnd.amazon.eventstream");
        } else {
            headers.set("accept", "application/json");
        }
    }

    @Override
    public Headers sign(ProviderRequest request, String url, Headers headers, byte[] body) {
        return signer.sign(request, region(request), url, headers, body);
    }

    /** The target's {@code aws_region}, or {@code us-east-1}; 400 when it is not a region's name. */
    static String region(ProviderRequest request) {
        String region = request.options().field("awsRegion").map(String::strip).orElse("");
        if (region.isEmpty()) {
            return DEFAULT_REGION;
        }
        if (!REGION.matcher(region).matches()) {
            throw GatewayException.badRequest(
                    "Invalid aws_region: expected an AWS region such as us-east-1 (lower-case letters, hyphens, a number)");
        }
        return region;
    }

    /**
     * The model id (or an inference profile's or provisioned model's ARN) as one path segment:
     * {@code :} and {@code /} are percent-encoded, as AWS's SDKs send them.
     */
    static String modelSegment(ProviderRequest request) {
        String model = request.model().strip();
        if (model.isEmpty()) {
            throw GatewayException.badRequest(
                    "Model is required: the Bedrock model id, e.g. anthropic.claude-3-5-haiku-20241022-v1:0");
        }
        if (PercentEncoding.hasControlCharacter(model)) {
            throw GatewayException.badRequest("Invalid model: it must not hold control characters such as CR or LF");
        }
        if (PercentEncoding.isDotSegment(model)) {
            throw GatewayException.badRequest("Invalid model: '.' and '..' are not model ids");
        }
        return PercentEncoding.encode(model);
    }
}
