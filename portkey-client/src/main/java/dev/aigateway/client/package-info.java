/**
 * Portkey's client-side helpers for Java: {@link dev.aigateway.client.Portkey#createHeaders(java.util.Map)
 * createHeaders} and a typed config builder ({@link dev.aigateway.client.PortkeyConfig}, {@link
 * dev.aigateway.client.Target}, {@link dev.aigateway.client.Strategy}, {@link
 * dev.aigateway.client.Retry}, {@link dev.aigateway.client.Cache}), to route OpenAI-style requests
 * through this project's gateway or hosted Portkey, and {@link
 * dev.aigateway.client.PortkeyResponseHeaders} to read which target answered. The only dependency
 * is jackson-databind; LangChain4j's and Spring AI's {@code customHeaders(Map<String, String>)} take
 * the headers as they are.
 *
 * <h2>With the OpenAI Java SDK ({@code com.openai:openai-java} 4.101.0)</h2>
 *
 * <p>On the client, so every request carries the headers:
 *
 * <pre>{@code
 * Map<String, String> headers = Portkey.createHeaders(HeaderOptions.builder()
 *         .config(config)                       // a PortkeyConfig
 *         .traceId("checkout-service")
 *         .build());
 * OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
 *         .baseUrl(Portkey.LOCAL_GATEWAY_URL)   // or Portkey.PORTKEY_GATEWAY_URL
 *         .apiKey("placeholder-or-key")         // openai-java requires one; keys may live in the config
 *         .maxRetries(0);                       // the config retries and falls back itself
 * headers.forEach(builder::putHeader);
 * OpenAIClient client = builder.build();
 * }</pre>
 *
 * <p>Per request, where a header replaces the client's header of the same name (so a per-request
 * {@code config} replaces the client's default config for that call):
 *
 * <pre>{@code
 * ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
 *         .model("gpt-4o-mini")
 *         .addUserMessage("Hello");
 * Portkey.createHeaders(Map.of("config", otherConfig, "traceId", "req-42"))
 *         .forEach(params::putAdditionalHeader);
 * client.chat().completions().create(params.build());
 * }</pre>
 *
 * <p>Mind two things. openai-java sends {@code Authorization: Bearer <apiKey>} itself, so a
 * client-level {@code authorization} header from {@code createHeaders} would be sent as a second
 * value: give the upstream key to {@code apiKey(...)} instead (per request, {@code
 * putAdditionalHeader} replaces it and is fine). And openai-java retries twice by default on top of
 * the gateway's own retries and fallbacks: this project's gateway stops it with {@code
 * x-should-retry: false} once those are spent, but use {@code maxRetries(0)} when the config handles
 * them, so that all retry policy lives in one place.
 * {@link dev.aigateway.client.Portkey} lists the header rules and every deliberate difference from
 * Portkey's Node SDK.
 */
package dev.aigateway.client;
