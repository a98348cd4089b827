package dev.aigateway.core.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderOptions;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.TransformContext;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The API key choice, which the golden runner cannot express (its cases always carry a key): the
 * options' key first, then the caller's {@code x-api-key} header (Claude Code sends its key there).
 */
class AnthropicApiTest {
    private final AnthropicApi api = new AnthropicApi();

    @Test
    void usesIncomingXApiKeyWhenOptionsHaveNoKey() {
        Headers sent = headers(Optional.empty(), Headers.of("x-api-key", "sk-ant-from-client"));

        assertEquals("sk-ant-from-client", sent.value("x-api-key"));
        assertEquals("2023-06-01", sent.value("anthropic-version"));
    }

    @Test
    void blankOptionsKeyCountsAsNone() {
        Headers sent = headers(Optional.of(" "), Headers.of("x-api-key", "sk-ant-from-client"));

        assertEquals("sk-ant-from-client", sent.value("x-api-key"));
    }

    @Test
    void optionsKeyWinsOverIncomingHeader() {
        Headers sent = headers(Optional.of("sk-ant-config"), Headers.of("x-api-key", "sk-ant-from-client"));

        assertEquals("sk-ant-config", sent.value("x-api-key"));
        assertEquals(1, sent.values("x-api-key").size());
    }

    @Test
    void noKeyAnywhereSendsNoKeyHeader() {
        Headers sent = headers(Optional.empty(), Headers.empty());

        assertNull(sent.value("x-api-key"));
        assertFalse(sent.contains("authorization"));
        assertNull(sent.value("anthropic-beta"));
    }

    private Headers headers(Optional<String> apiKey, Headers incoming) {
        ProviderRequest request = new ProviderRequest(
                Endpoint.CHAT_COMPLETE,
                new ProviderOptions(AnthropicProvider.ID, apiKey, Optional.empty(), Map.of()),
                Json.object().put("model", "claude-sonnet-4-5"),
                false,
                incoming,
                true,
                TransformContext.system());
        Headers.Builder headers = Headers.builder();
        api.headers(request, headers);
        return headers.build();
    }
}
