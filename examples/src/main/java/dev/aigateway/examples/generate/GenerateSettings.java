package dev.aigateway.examples.generate;

import dev.aigateway.client.Portkey;
import dev.aigateway.examples.GatewayClient;
import dev.aigateway.examples.ProviderAccess;
import dev.aigateway.examples.WalkthroughConfig;
import java.util.Map;
import java.util.Optional;

/**
 * How the generate app is set up, from environment variables:
 *
 * <ul>
 *   <li>{@code GEMINI_API_KEY}, {@code OPENAI_API_KEY}: the provider keys; a missing one is left out
 *       of the config (remove {@code GEMINI_API_KEY} to see the fallback)
 *   <li>{@code GATEWAY_URL}: the gateway's OpenAI base URL, default {@code http://localhost:8787/v1}
 *   <li>{@code PORT} (default 3000) and {@code HOST} (default {@code 127.0.0.1}): where the app listens
 *   <li>{@code GEMINI_MODEL}: the model asked for, default {@code gemini-2.5-flash}
 *   <li>{@code GEMINI_BASE_URL}, {@code OPENAI_BASE_URL}: only for fakes or proxies; they become the
 *       targets' {@code custom_host}. Real runs leave them unset.
 * </ul>
 */
public record GenerateSettings(
        String host, int port, String gatewayUrl, String model, ProviderAccess gemini, ProviderAccess openAi) {
    public static final int DEFAULT_PORT = 3000;
    public static final String DEFAULT_HOST = "127.0.0.1";

    public static GenerateSettings fromEnvironment(Map<String, String> env) {
        return new GenerateSettings(
                value(env, "HOST").orElse(DEFAULT_HOST),
                port(value(env, "PORT")),
                value(env, "GATEWAY_URL").map(GenerateSettings::gatewayUrl).orElse(Portkey.LOCAL_GATEWAY_URL),
                value(env, "GEMINI_MODEL").orElse(WalkthroughConfig.GEMINI_MODEL),
                new ProviderAccess(value(env, "GEMINI_API_KEY"), value(env, "GEMINI_BASE_URL")),
                new ProviderAccess(value(env, "OPENAI_API_KEY"), value(env, "OPENAI_BASE_URL")));
    }

    /** The same settings on another port (0 picks a free one). */
    public GenerateSettings withPort(int value) {
        return new GenerateSettings(host, value, gatewayUrl, model, gemini, openAi);
    }

    /** A blank variable counts as unset, so {@code GEMINI_API_KEY=} removes the key too. */
    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static String gatewayUrl(String value) {
        if (!GatewayClient.isHttpUrl(value)) {
            throw new IllegalArgumentException(
                    "GATEWAY_URL must be an http(s) URL like " + Portkey.LOCAL_GATEWAY_URL + ", got: " + value);
        }
        return value;
    }

    private static int port(Optional<String> value) {
        if (value.isEmpty()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.get());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("PORT must be a number from 0 to 65535, got: " + value.get());
    }

    @Override
    public String toString() {
        // ProviderAccess masks the keys.
        return "GenerateSettings[host=" + host + ", port=" + port + ", gatewayUrl=" + gatewayUrl + ", model=" + model
                + ", gemini=" + gemini + ", openAi=" + openAi + "]";
    }
}
