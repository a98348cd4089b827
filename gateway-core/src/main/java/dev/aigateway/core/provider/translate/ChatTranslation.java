package dev.aigateway.core.provider.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;
import dev.aigateway.core.stream.EventReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Serves one API ({@link Dialect}) through a provider's chat transform: the request becomes chat
 * completion parameters once, when the call is bound, and the provider's API is asked about that
 * chat request (its path, headers); answers, errors and streams go through the chat transform and
 * then back into the API's shapes. The chat request is strict (OpenAI's finish reasons, no
 * provider extras), since the dialect reads it as OpenAI's. Stateless and thread-safe.
 */
final class ChatTranslation implements EndpointTransform {
    private final EndpointTransform chat;
    private final Dialect dialect;
    private final Set<String> extensions;

    ChatTranslation(EndpointTransform chat, Dialect dialect, Set<String> extensions) {
        this.chat = chat;
        this.dialect = dialect;
        this.extensions = Set.copyOf(extensions);
    }

    @Override
    public Binding bind(ProviderRequest request) {
        ObjectNode params = dialect.toChat(request, extensions);
        ProviderRequest chatRequest = new ProviderRequest(
                Endpoint.CHAT_COMPLETE,
                request.options(),
                params,
                request.stream(),
                request.incomingHeaders(),
                true,
                request.context());
        return new Binding(new Bound(request, chatRequest), chatRequest);
    }

    // Callers that do not bind (a test driving the transform by hand) get a binding per call.

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
    public int errorStatus(int status, byte[] body, ProviderRequest request) {
        return bind(request).transform().errorStatus(status, body, request);
    }

    @Override
    public StreamTransform stream(ProviderRequest request) {
        return bind(request).transform().stream(request);
    }

    @Override
    public EventReader streamReader(InputStream body, String contentType) throws IOException {
        return chat.streamReader(body, contentType);
    }

    /** This translation bound to one call: the request it was given is the call's own. */
    private final class Bound implements EndpointTransform {
        private final ProviderRequest original;
        private final ProviderRequest chatRequest;

        Bound(ProviderRequest original, ProviderRequest chatRequest) {
            this.original = original;
            this.chatRequest = chatRequest;
        }

        @Override
        public JsonNode request(ProviderRequest request) {
            return chat.request(chatRequest);
        }

        @Override
        public JsonNode response(JsonNode providerBody, ProviderRequest request) {
            return dialect.fromChat(chat.response(providerBody, chatRequest), original);
        }

        @Override
        public ObjectNode error(int status, byte[] body, ProviderRequest request) {
            return dialect.error(chat.errorStatus(status, body, chatRequest), chat.error(status, body, chatRequest));
        }

        @Override
        public int errorStatus(int status, byte[] body, ProviderRequest request) {
            return chat.errorStatus(status, body, chatRequest);
        }

        @Override
        public ErrorAnswer errorAnswer(int status, Headers headers, byte[] body, ProviderRequest request) {
            ErrorAnswer chatError = chat.errorAnswer(status, headers, body, chatRequest);
            return new ErrorAnswer(chatError.status(), dialect.error(chatError.status(), chatError.body()));
        }

        @Override
        public StreamTransform stream(ProviderRequest request) {
            return new TranslatedStream(
                    chat.stream(chatRequest), dialect.streamWriter(original), original.providerId());
        }

        @Override
        public EventReader streamReader(InputStream body, String contentType) throws IOException {
            return chat.streamReader(body, contentType);
        }
    }
}
