package dev.aigateway.core.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.ErrorBodies;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderErrors;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Bedrock's errors. AWS names the error's type in the {@code x-amzn-errortype} header (or a body's
 * {@code __type}) and puts the text in {@code message}; the status the caller gets is the one the
 * type means to retry and fallback, which is AWS's own except where AWS's would mislead: a model
 * that is still loading ({@code ModelNotReadyException}, 429 from AWS) is a 503, an exhausted
 * quota ({@code ServiceQuotaExceededException}, 400 from AWS) a 429, and a refused signature or
 * unknown key (403 from AWS) a 401 as OpenAI answers a bad key.
 */
final class BedrockErrors {
    private static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry("ValidationException", 400),
            Map.entry("ThrottlingException", 429),
            Map.entry("ServiceQuotaExceededException", 429),
            Map.entry("ModelNotReadyException", 503),
            Map.entry("ServiceUnavailableException", 503),
            Map.entry("ModelTimeoutException", 408),
            Map.entry("ModelErrorException", 424),
            Map.entry("ModelStreamErrorException", 424),
            Map.entry("AccessDeniedException", 403),
            Map.entry("UnrecognizedClientException", 401),
            Map.entry("InvalidSignatureException", 401),
            Map.entry("IncompleteSignatureException", 401),
            Map.entry("MissingAuthenticationTokenException", 401),
            Map.entry("ExpiredTokenException", 401),
            Map.entry("ResourceNotFoundException", 404),
            Map.entry("ConflictException", 409),
            Map.entry("InternalServerException", 500));

    private BedrockErrors() {}

    /** A Bedrock error as it reached the gateway: its type (when AWS named one), status and text. */
    record BedrockError(Optional<String> type, int status, String message) {}

    static BedrockError read(int status, Headers headers, byte[] body) {
        JsonNode json = Json.parseOrNull(body);
        Optional<String> type = headers.first("x-amzn-errortype")
                .or(() -> Optional.ofNullable(json == null ? null : Json.textOrNull(json, "__type")))
                .map(BedrockErrors::typeName)
                .filter(name -> !name.isEmpty());
        String message = json == null
                ? ProviderErrors.rawText(status, body)
                : Optional.ofNullable(Json.textOrNull(json, "message"))
                        .or(() -> Optional.ofNullable(Json.textOrNull(json, "Message")))
                        .orElseGet(() -> ProviderErrors.rawText(status, body));
        return new BedrockError(type, type.map(STATUS::get).orElse(status), message);
    }

    /** The OpenAI envelope: {@code "bedrock error: <message>"}, the AWS type as {@code type}. */
    static ObjectNode envelope(BedrockError error) {
        return ErrorBodies.openAi(
                BedrockProvider.ID + " error: " + error.message(),
                error.type().orElse(null),
                null,
                null,
                BedrockProvider.ID);
    }

    /**
     * An exception AWS sent inside an event stream ({@code {"type":"throttlingException",...}} from
     * {@link dev.aigateway.core.stream.AwsEventStreamReader}) as a {@link BedrockError}.
     */
    static BedrockError fromStream(JsonNode exception) {
        String type = typeName(exception.path("type").asText("InternalServerException"));
        return new BedrockError(
                Optional.of(type),
                STATUS.getOrDefault(type, 500),
                exception.path("message").asText(""));
    }

    /**
     * {@code ValidationException} from {@code ValidationException:http://...},
     * {@code com.amazon.coral#ValidationException} or the stream's {@code validationException}.
     */
    static String typeName(String raw) {
        String name = raw.strip();
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        int hash = name.lastIndexOf('#');
        if (hash >= 0) {
            name = name.substring(hash + 1);
        }
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}
