package dev.aigateway.examples;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.aigateway.client.HeaderOptions;
import dev.aigateway.client.Portkey;
import dev.aigateway.client.PortkeyConfig;
import java.time.Duration;
import java.util.Map;

/** An openai-java client that talks to the gateway, as the walkthrough sets it up. */
public final class GatewayClient {
    /**
     * openai-java insists on an API key; the provider keys live in the gateway config, so any
     * placeholder does (the Node walkthrough passes {@code DUMMY-KEY} the same way).
     */
    static final String PLACEHOLDER_KEY = "placeholder";

    private GatewayClient() {}

    /** A client whose every request carries {@code config} in {@code x-portkey-config}. */
    public static OpenAIClient create(String gatewayUrl, PortkeyConfig config) {
        return create(
                gatewayUrl,
                Portkey.createHeaders(HeaderOptions.builder().config(config).build()));
    }

    /** A client whose every request carries {@code headers} (from {@code Portkey.createHeaders}). */
    public static OpenAIClient create(String gatewayUrl, Map<String, String> headers) {
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
                .baseUrl(gatewayUrl)
                .apiKey(PLACEHOLDER_KEY)
                // The gateway config retries and falls back; SDK retries would repeat all of it.
                .maxRetries(0)
                .timeout(Duration.ofSeconds(60));
        headers.forEach(builder::putHeader);
        return builder.build();
    }
}
