package dev.aigateway.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Portkey's {@code createHeaders} for Java: turns Portkey options into the {@code x-portkey-*}
 * headers that route an OpenAI-style request through a Portkey-compatible gateway, this project's
 * or Portkey's hosted one. The result is an ordered, immutable {@code Map<String, String>}; hand it
 * to any HTTP client. With the official OpenAI Java SDK ({@code com.openai:openai-java} 4.101.0,
 * which this module does not depend on) there are two ways to send it.
 *
 * <h2>1. On the client: every request carries the headers</h2>
 *
 * <pre>{@code
 * Map<String, String> headers = Portkey.createHeaders(HeaderOptions.builder()
 *         .provider("openai")
 *         .config(PortkeyConfig.builder().retry(Retry.attempts(3)).build())
 *         .build());
 * OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
 *         .baseUrl(Portkey.LOCAL_GATEWAY_URL)
 *         .apiKey(System.getenv("OPENAI_API_KEY")) // or any placeholder when the keys are in the config
 *         .maxRetries(0);                          // the gateway config retries; see below
 * headers.forEach(builder::putHeader);             // or builder.putAllHeaders(Portkey.asMultimap(headers))
 * OpenAIClient client = builder.build();
 * }</pre>
 *
 * <h2>2. Per request: headers for one call</h2>
 *
 * <pre>{@code
 * ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
 *         .model("gpt-4o-mini")
 *         .addUserMessage("Say hello");
 * Portkey.createHeaders(Map.of("traceId", "req-42", "metadata", Map.of("_user", "u-1")))
 *         .forEach(params::putAdditionalHeader);
 * ChatCompletion completion = client.chat().completions().create(params.build());
 * }</pre>
 *
 * A per-request header <em>replaces</em> the client's header of the same name, so a per-request
 * {@code config} replaces the client's default config for that call (it is not merged, and unlike
 * the Node SDK it does not stick to the client afterwards).
 *
 * <h2>Things to know</h2>
 *
 * <ul>
 *   <li><b>Authorization.</b> openai-java requires an API key and always sends it as {@code
 *       Authorization: Bearer <key>}. A client-level {@code putHeader("authorization", ...)} on top
 *       of that sends <em>two</em> Authorization values. So do not put the {@code Authorization}
 *       option into client headers: pass the upstream key to {@code apiKey(...)} (without {@code
 *       Bearer }) instead, or drop the {@code authorization} entry before {@code putHeader}. Per
 *       request, {@code putAdditionalHeader("authorization", ...)} replaces the key's value and is
 *       fine. When the provider keys live in the config, or hosted Portkey authenticates with {@code
 *       x-portkey-api-key}, give {@code apiKey} any placeholder.
 *   <li><b>Retries.</b> openai-java retries twice by default, on top of whatever the gateway config
 *       does with {@code retry} and fallback targets. This project's gateway answers {@code
 *       x-should-retry: false} once it has spent its own retries or a whole fallback, and openai-java
 *       obeys it; hosted Portkey does not send it, and there one failing call can run the whole
 *       strategy three times. So set {@code maxRetries(0)} on the client when the config handles
 *       retries and fallbacks, keeping all retry policy in one place.
 *   <li><b>Config ids.</b> A config given as a string (a saved-config id {@code pc-...} or ready
 *       JSON) is sent unchanged. Only hosted Portkey resolves ids; the OSS gateway answers 400.
 * </ul>
 *
 * <h2>Rules (those of Portkey's Node SDK 3.1.0 unless marked as a difference)</h2>
 *
 * <ul>
 *   <li>No whitelist: every key becomes a header. Its first {@code ID} becomes {@code Id}, then each
 *       capital A-Z becomes {@code -} plus the lower-case letter, and {@code x-portkey-} goes in
 *       front: {@code traceID} → {@code x-portkey-trace-id}, {@code awsS3Bucket} → {@code
 *       x-portkey-aws-s3-bucket}. A leading capital gives a double dash ({@code Provider} → {@code
 *       x-portkey--provider}), as in Node.
 *   <li>{@code Authorization}/{@code authorization} becomes the header {@code authorization},
 *       unprefixed and unchanged ({@code Bearer } is not added).
 *   <li>Keys whose kebab form is listed in {@code forwardHeaders} lose the prefix; the list itself
 *       is sent comma-joined in {@code x-portkey-forward-headers}.
 *   <li>{@code null}, blank strings, empty lists, arrays and maps, and objects without properties
 *       are dropped. Non-empty strings are not trimmed. Booleans become {@code "true"}/{@code
 *       "false"}.
 *   <li>Maps, lists, {@link PortkeyConfig} and other {@link ConfigValue}s become compact JSON; a
 *       string (such as a config id) is never re-encoded. Later keys that give the same header win.
 * </ul>
 *
 * <p>Deliberate differences from the Node SDK, and why:
 *
 * <ol>
 *   <li>Every value is a {@code String}: numbers become decimal text ({@code 5000} → {@code "5000"},
 *       {@code 1.5} → {@code "1.5"}, never an exponent). Node keeps JS numbers in the map.
 *   <li>The number {@code 0} (and {@code NaN}) is dropped. Node sends an empty value ({@code v ||
 *       ''}); the gateway reads both as "not set", so the empty header carries nothing. Python drops
 *       {@code 0} too.
 *   <li>JSON values escape every character above {@code 0x7E} as {@code \}{@code uXXXX} (as
 *       Python's {@code json.dumps} does). Node leaves {@code é} raw, which OkHttp, under
 *       openai-java, refuses to send. The gateway parses the JSON, so the meaning is unchanged.
 *   <li>A plain string value with a non-ASCII or control character (a trace id {@code "café"}, a
 *       newline) throws {@link IllegalArgumentException} naming the header. Node returns it and the
 *       HTTP layer fails later; escaping it would silently change the value.
 *   <li>A key that cannot form an HTTP header name (a space, a non-ASCII letter) throws {@link
 *       IllegalArgumentException} naming the key; Node does not check.
 *   <li>{@code x-portkey-forward-headers} lists header names, lower-case and kebab-cased ({@code
 *       ["myCustomHeader", "X-Trace-Parent"]} → {@code my-custom-header,x-trace-parent}). Node sends
 *       the entries as written, and the gateway, which compares lower-case header names, then never
 *       forwards {@code myCustomHeader}.
 *   <li>The result is immutable. Values that are neither strings, numbers, booleans, maps,
 *       collections, arrays nor Jackson trees are converted by Jackson (bean properties); Node uses
 *       {@code JSON.stringify}.
 * </ol>
 *
 * <p>Thread-safe: all methods are pure functions.
 */
public final class Portkey {
    /** The OSS gateway on its default port, as Portkey's SDKs name it ({@code LOCAL_BASE_URL}). */
    public static final String LOCAL_GATEWAY_URL = "http://localhost:8787/v1";

    /** Hosted Portkey, the SDKs' exported {@code PORTKEY_GATEWAY_URL}. */
    public static final String PORTKEY_GATEWAY_URL = "https://api.portkey.ai/v1";

    private Portkey() {}

    /**
     * Returns the headers for Node-style options: camelCase keys such as {@code provider}, {@code
     * apiKey}, {@code config}, {@code traceId}, {@code metadata}, {@code forwardHeaders}, in the map's
     * iteration order (use a {@link LinkedHashMap} to control header order).
     *
     * @throws IllegalArgumentException when {@code forwardHeaders} is not a list of strings, a key
     *     gives an invalid header name, a string value is not printable ASCII, or a value cannot be
     *     serialised; the message names the option or header
     * @throws NullPointerException when {@code options} or one of its keys is null
     */
    public static Map<String, String> createHeaders(Map<String, ?> options) {
        return HeaderEncoder.encode(options);
    }

    /** Returns the headers for typed options; the same as {@code createHeaders(options.asMap())}. */
    public static Map<String, String> createHeaders(HeaderOptions options) {
        return HeaderEncoder.encode(options.asMap());
    }

    /**
     * Adapts headers to the multi-valued shape of openai-java's {@code putAllHeaders(Map<String, ?
     * extends Iterable<String>>)} and {@code putAllAdditionalHeaders(...)}: one single-element list
     * per name, in the same order. The result is immutable.
     */
    public static Map<String, List<String>> asMultimap(Map<String, String> headers) {
        Map<String, List<String>> multimap = new LinkedHashMap<>();
        headers.forEach((name, value) -> multimap.put(name, List.of(value)));
        return Collections.unmodifiableMap(multimap);
    }
}
