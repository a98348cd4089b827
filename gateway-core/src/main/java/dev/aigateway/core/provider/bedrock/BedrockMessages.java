package dev.aigateway.core.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.format.MessagesFormat;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;
import dev.aigateway.core.provider.anthropic.AnthropicMessagesRelay;
import dev.aigateway.core.provider.translate.ChatTranslations;
import dev.aigateway.core.stream.AwsEventStreamReader;
import dev.aigateway.core.stream.EventReader;
import dev.aigateway.core.stream.SseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;

/**
 * Anthropic's Messages API ({@code /v1/messages}) on Bedrock. Anthropic's models (a model id with
 * {@code anthropic.}, inference profiles such as {@code us.anthropic...} included) get it relayed
 * through their own API, {@code invoke} and {@code invoke-with-response-stream}, with
 * {@link AnthropicMessagesRelay}: the caller's body without {@code model} and {@code stream} (they
 * are in the URL), with {@code anthropic_version: bedrock-2023-05-31} and the caller's
 * {@code anthropic-beta} as {@code anthropic_beta}; the answer as Anthropic sent it, the stream's
 * events unwrapped from the event stream's {@code chunk} frames. Every other model is translated
 * through Converse, as for any chat provider. Errors keep Anthropic's shape, with Bedrock's status
 * mapping ({@link BedrockErrors}).
 */
final class BedrockMessages implements EndpointTransform {
    static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";

    private final EndpointTransform relay = new Relay();
    private final EndpointTransform translated;

    BedrockMessages(EndpointTransform chat) {
        this.translated = ChatTranslations.messagesThroughChat(BedrockProvider.ID, chat);
    }

    @Override
    public Binding bind(ProviderRequest request) {
        return isAnthropic(request) ? relay.bind(request) : translated.bind(request);
    }

    static boolean isAnthropic(ProviderRequest request) {
        return request.model().contains("anthropic.");
    }

    @Override
    public JsonNode request(ProviderRequest request) {
        return bind(request).transform().request(request);
    }

    @Override
    public JsonNode response(JsonNode providerBody, ProviderRequest request) {
        return bind(request).transform().response(providerBody, request);
    }

    @Override
    public ObjectNode error(int status, byte[] body, ProviderRequest request) {
        return bind(request).transform().error(status, body, request);
    }

    @Override
    public ErrorAnswer errorAnswer(int status, Headers headers, byte[] body, ProviderRequest request) {
        return bind(request).transform().errorAnswer(status, headers, body, request);
    }

    @Override
    public StreamTransform stream(ProviderRequest request) {
        return bind(request).transform().stream(request);
    }

    @Override
    public EventReader streamReader(InputStream body, String contentType) {
        return new AwsEventStreamReader(body);
    }

    /** The relay for Anthropic's models. */
    private static final class Relay implements EndpointTransform {
        private final AnthropicMessagesRelay anthropic =
                AnthropicMessagesRelay.withBodyEdit(BedrockProvider.ID, Relay::edit);

        private static ObjectNode edit(ObjectNode body, ProviderRequest request) {
            body.remove("model");
            body.remove("stream");
            if (!body.has("anthropic_version")) {
                body.put("anthropic_version", ANTHROPIC_VERSION);
            }
            request.options()
                    .field("anthropicBeta")
                    .or(() -> request.incomingHeaders().first("anthropic-beta"))
                    .filter(beta -> !body.has("anthropic_beta") && !beta.isBlank())
                    .ifPresent(beta -> {
                        ArrayNode betas = body.putArray("anthropic_beta");
                        for (String name : beta.split(",")) {
                            if (!name.isBlank()) {
                                betas.add(name.strip());
                            }
                        }
                    });
            return body;
        }

        @Override
        public JsonNode request(ProviderRequest request) {
            return anthropic.request(request);
        }

        @Override
        public JsonNode response(JsonNode providerBody, ProviderRequest request) {
            return anthropic.response(providerBody, request);
        }

        @Override
        public ObjectNode error(int status, byte[] body, ProviderRequest request) {
            return errorAnswer(status, Headers.empty(), body, request).body();
        }

        @Override
        public ErrorAnswer errorAnswer(int status, Headers headers, byte[] body, ProviderRequest request) {
            BedrockErrors.BedrockError error = BedrockErrors.read(status, headers, body);
            return new ErrorAnswer(error.status(), anthropicError(error));
        }

        @Override
        public StreamTransform stream(ProviderRequest request) {
            return anthropic.stream(request);
        }

        @Override
        public EventReader streamReader(InputStream body, String contentType) {
            return new ChunkReader(new AwsEventStreamReader(body));
        }

        @Override
        public boolean relaysResponse() {
            return true;
        }
    }

    static ObjectNode anthropicError(BedrockErrors.BedrockError error) {
        return MessagesFormat.error(
                MessagesFormat.errorType(error.status()), BedrockProvider.ID + " error: " + error.message());
    }

    /**
     * Anthropic's events out of {@code invoke-with-response-stream}'s {@code chunk} frames (each
     * {@code {"bytes":"<base64 of the event's JSON>"}}), named by their {@code type} as Anthropic's
     * SSE names them; an exception in the stream becomes Anthropic's {@code error} event.
     */
    private static final class ChunkReader implements EventReader {
        private final AwsEventStreamReader frames;

        ChunkReader(AwsEventStreamReader frames) {
            this.frames = frames;
        }

        @Override
        public SseEvent next() throws IOException {
            SseEvent frame = frames.next();
            if (frame == null) {
                return null;
            }
            if ("exception".equals(frame.event()) || "error".equals(frame.event())) {
                return new SseEvent("error", Json.text(anthropicError(BedrockErrors.fromStream(frame.json()))));
            }
            if (!"chunk".equals(frame.event())) {
                return new SseEvent(frame.event(), frame.data());
            }
            byte[] inner = Base64.getDecoder().decode(frame.json().path("bytes").asText(""));
            JsonNode event = Json.parseOrNull(inner);
            String type = event == null ? null : Json.textOrNull(event, "type");
            return new SseEvent(type, new String(inner, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void close() throws IOException {
            frames.close();
        }
    }
}
