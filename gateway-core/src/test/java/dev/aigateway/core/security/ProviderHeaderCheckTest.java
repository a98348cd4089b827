package dev.aigateway.core.security;

import static dev.aigateway.core.security.InjectionFixture.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.Providers;
import dev.aigateway.core.provider.openaicompat.OpenAiCompatibleProvider;
import dev.aigateway.core.upstream.UpstreamClient;
import dev.aigateway.core.upstream.UpstreamRequest;
import dev.aigateway.core.upstream.UpstreamResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever a provider builds a header from, the call checks every header before any upstream
 * client sees it: a provider that copies the body's {@code model} into a header cannot be made to
 * send a CR/LF, even through an upstream client that would send anything.
 */
class ProviderHeaderCheckTest {
    private final MockWebServer server = new MockWebServer();
    private final List<UpstreamRequest> handedOver = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aHeaderBuiltFromTheBodyIsCheckedBeforeTheUpstreamClientSeesIt() throws Exception {
        OpenAiCompatibleProvider echo = OpenAiCompatibleProvider.builder("echo-model")
                .baseUrl("http://unused.example")
                .header("x-model", ProviderRequest::model)
                .build();
        UpstreamClient lenient = new UpstreamClient() {
            @Override
            public UpstreamResponse execute(UpstreamRequest request) throws IOException {
                handedOver.add(request);
                throw new IOException("never called in this test");
            }
        };
        Gateway gateway = Gateway.builder()
                .providers(Providers.defaults().with(echo))
                .upstream(lenient)
                .build();

        GatewayResponse refused = gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .config(Json.text(Json.object()
                        .put("provider", "echo-model")
                        .put("custom_host", server.url("/v1").toString())))
                .body("{\"model\":\"m\\r\\nX-Injected: yes\",\"messages\":[]}")
                .build());

        assertRefused(refused, "x-model", server);
        assertEquals(List.of(), handedOver, "the upstream client was never called");
    }
}
