package com.example.consumer;

import dev.aigateway.client.Portkey;
import dev.aigateway.client.PortkeyConfig;
import dev.aigateway.client.Strategy;
import dev.aigateway.client.Target;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import java.util.Map;

/**
 * What a user's code does with the two libraries: portkey-client builds a fallback config, and
 * gateway-core, embedded, sends a chat request through it.
 */
public final class FallbackClient {
    private final Gateway gateway = Gateway.create();

    /** Two OpenAI targets at {@code baseUrl}: the first with {@code firstKey}, then {@code secondKey}. */
    public static PortkeyConfig fallback(String baseUrl, String firstKey, String secondKey) {
        return PortkeyConfig.builder()
                .strategy(Strategy.fallback())
                .addTarget(Target.builder().provider("openai").apiKey(firstKey).customHost(baseUrl).build())
                .addTarget(Target.builder().provider("openai").apiKey(secondKey).customHost(baseUrl).build())
                .build();
    }

    /** The headers an HTTP client would send to a gateway server for {@code config}. */
    public static Map<String, String> headers(PortkeyConfig config) {
        return Portkey.createHeaders(Map.of("config", config, "traceId", "consumer-1"));
    }

    public GatewayResponse ask(PortkeyConfig config, String question) {
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}";
        return gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .config(config.toJson())
                .body(body)
                .build());
    }
}
