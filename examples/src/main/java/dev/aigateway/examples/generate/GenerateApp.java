package dev.aigateway.examples.generate;

import com.openai.client.OpenAIClient;
import dev.aigateway.client.PortkeyConfig;
import dev.aigateway.examples.GatewayClient;
import dev.aigateway.examples.WalkthroughConfig;
import io.undertow.Undertow;
import io.undertow.server.handlers.BlockingHandler;
import java.net.InetSocketAddress;

/**
 * The walkthrough's web app in Java: {@code POST /generate} asks the gateway through openai-java
 * with {@code createHeaders} and the Gemini-then-GPT-4o fallback config. Against the real providers
 * it needs only the keys and a running gateway; see {@link GenerateSettings}.
 *
 * <pre>{@code
 * try (GenerateApp app = GenerateApp.start(GenerateSettings.fromEnvironment(System.getenv()))) {
 *     // curl -X POST app.url() + "/generate" -d '{"prompt": "Are you an OpenAI model?"}'
 * }
 * }</pre>
 */
public final class GenerateApp implements AutoCloseable {
    private final GenerateSettings settings;
    private final OpenAIClient client;
    private final Undertow undertow;

    private GenerateApp(GenerateSettings settings) {
        this.settings = settings;
        PortkeyConfig config = WalkthroughConfig.fallback(settings.gemini(), settings.openAi());
        // One client for the app: it carries the config on every request and pools its connections.
        this.client = GatewayClient.create(settings.gatewayUrl(), config);
        this.undertow = Undertow.builder()
                .addHttpListener(settings.port(), settings.host())
                .setHandler(new BlockingHandler(new GenerateHandler(client, settings.model(), settings.gatewayUrl())))
                .build();
    }

    /**
     * Starts listening; close the app to stop.
     *
     * @throws IllegalStateException when the port cannot be bound, e.g. it is in use
     */
    public static GenerateApp start(GenerateSettings settings) {
        GenerateApp app = new GenerateApp(settings);
        try {
            app.undertow.start();
        } catch (RuntimeException e) {
            app.client.close();
            throw new IllegalStateException(
                    "could not listen on " + settings.host() + ":" + settings.port() + ": "
                            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
                    e);
        }
        return app;
    }

    public GenerateSettings settings() {
        return settings;
    }

    /** {@code http://host:port} with the bound port. */
    public String url() {
        int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        String host = settings.host().equals("0.0.0.0") ? "127.0.0.1" : settings.host();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public void close() {
        try {
            undertow.stop();
        } finally {
            client.close();
        }
    }
}
