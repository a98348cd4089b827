package dev.aigateway.core;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aigateway.core.internal.Json;
import dev.aigateway.core.testing.InMemoryUpstream;
import dev.aigateway.core.testing.OpenAiFakes;
import dev.aigateway.core.testing.RandomConfigs;
import dev.aigateway.core.testing.RandomJson;
import dev.aigateway.core.upstream.UpstreamRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever config, headers and body a caller sends, {@link Gateway#handle} answers with
 * a status below 500 (the upstream here always answers well), throws nothing, and its body names
 * no Java class, shows no stack trace and echoes no API key.
 *
 * <p>Inputs come from a seeded generator ({@link RandomConfigs}, {@link RandomJson}): every try is
 * replayed by its seed, printed on failure; {@code -Dfuzz.seed=N} replays one, {@code
 * -Dfuzz.tries=N} runs more. A plain JUnit test rather than jqwik: jqwik 1.10 is built against
 * JUnit Platform 1.x and runs on the project's 6.x only unsupported, and it asks not to be used by
 * AI-written code, which this test is.
 */
class GatewayFuzzTest {
    private static final long BASE_SEED = Long.getLong("fuzz.seed", 20_261_206L);
    private static final int TRIES = Integer.getInteger("fuzz.tries", 3000);
    /** Text that only a leaked exception, class name or stack trace would put in a body. */
    private static final List<String> LEAKS = List.of(
            "Exception",
            "java.",
            "javax.",
            "dev.aigateway",
            "com.fasterxml",
            "jackson",
            "re2j",
            "okhttp",
            "\tat ",
            ".java:",
            RandomConfigs.SECRET);

    private static final List<Endpoint> ENDPOINTS =
            List.of(Endpoint.CHAT_COMPLETE, Endpoint.CHAT_COMPLETE, Endpoint.COMPLETE, Endpoint.EMBED);

    private final InMemoryUpstream upstream = new InMemoryUpstream(200, GatewayFuzzTest::answer);
    private final Gateway gateway = Gateway.builder()
            .upstream(upstream)
            .sleeper(duration -> {})
            .random(new SplittableRandom(BASE_SEED))
            .build();

    @Test
    void noInputMakesTheGatewayFailOrLeak() {
        long start = System.nanoTime();
        int[] statuses = new int[6];
        for (int i = 0; i < TRIES; i++) {
            long seed = Long.getLong("fuzz.seed") != null ? BASE_SEED : BASE_SEED + i;
            GatewayRequest request = request(new RandomJson(new SplittableRandom(seed)));
            GatewayResponse response;
            try {
                response = gateway.handle(request);
            } catch (Throwable e) {
                throw new AssertionError("seed " + seed + " threw; " + describe(request), e);
            }
            String body = body(response);
            statuses[response.status() / 100]++;
            if (response.status() >= 500) {
                fail("seed " + seed + " answered " + response.status() + " " + body + "; " + describe(request));
            }
            String input = fullText(request);
            for (String leak : LEAKS) {
                boolean echoed = input.contains(leak) && !leak.equals(RandomConfigs.SECRET);
                if (body.contains(leak) && !echoed) {
                    fail("seed " + seed + " leaked '" + leak + "': " + abbreviate(body) + "; " + describe(request));
                }
            }
        }
        // The generator must reach both sides: answers routed to the upstream and refusals.
        assertTrue(statuses[2] > TRIES / 20, "too few 2xx: " + statuses[2]);
        assertTrue(statuses[4] > TRIES / 20, "too few 4xx: " + statuses[4]);
        System.out.printf(
                "GatewayFuzzTest: %d tries in %d ms, 2xx %d, 4xx %d, upstream calls %d%n",
                TRIES, (System.nanoTime() - start) / 1_000_000, statuses[2], statuses[4], upstream.calls());
    }

    private static GatewayRequest request(RandomJson json) {
        RandomConfigs configs = new RandomConfigs(json);
        GatewayRequest.Builder request = GatewayRequest.builder(json.pick(ENDPOINTS));
        boolean withConfig = json.chance(0.85);
        if (withConfig) {
            request.config(configs.next());
        }
        headers(json, withConfig).forEach(request::header);
        return request.body(body(json)).build();
    }

    private static Map<String, String> headers(RandomJson json, boolean withConfig) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (json.chance(withConfig ? 0.3 : 0.9)) {
            headers.put(
                    "x-portkey-provider",
                    json.chance(0.8) ? json.pick(List.of("openai", "google", "x")) : json.string());
        }
        if (json.chance(0.4)) {
            headers.put("authorization", "Bearer " + RandomConfigs.SECRET + "h");
        }
        if (json.chance(0.5)) {
            String metadata = Json.text(json.object(2).put("tier", json.chance(0.01) ? json.longString() : "pro"));
            headers.put("x-portkey-metadata", json.chance(0.9) ? metadata : json.string());
        }
        List<String> others = List.of(
                "x-portkey-request-timeout",
                "x-portkey-custom-host",
                "x-portkey-forward-headers",
                "x-portkey-trace-id",
                "x-portkey-strict-open-ai-compliance",
                "x-portkey-default-input-guardrails",
                "x-portkey-azure-resource-name",
                "x-portkey-anthropic-version",
                "x-portkey-" + json.string());
        for (String name : others) {
            if (json.chance(0.03)) {
                headers.put(name, json.string());
            }
        }
        return headers;
    }

    private static String body(RandomJson json) {
        if (json.chance(0.05)) {
            return json.chance(0.5) ? json.string() : Json.text(json.value(3));
        }
        var body = Json.object().put("model", json.chance(0.9) ? "m" : json.string());
        body.putArray("messages")
                .addObject()
                .put("role", "user")
                .put("content", json.chance(0.9) ? "Hi" : json.string());
        body.put("input", "hi").put("prompt", "hi");
        if (json.chance(0.2)) {
            body.set(json.string(), json.value(2));
        }
        if (json.chance(0.1)) {
            body.put("stream", true);
        }
        return Json.text(body);
    }

    /** What each provider answers, well-formed, so that any 5xx is the gateway's own doing. */
    private static String answer(UpstreamRequest request) {
        String url = request.url();
        if (url.contains(":generateContent") || url.contains(":streamGenerateContent")) {
            return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"ok\"}]},"
                    + "\"finishReason\":\"STOP\",\"index\":0}]}";
        }
        if (url.contains(":embedContent")) {
            return "{\"embedding\":{\"values\":[0.1]}}";
        }
        if (url.contains(":batchEmbedContents")) {
            return "{\"embeddings\":[{\"values\":[0.1]}]}";
        }
        if (url.contains("/messages")) {
            return "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\","
                    + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}";
        }
        if (url.contains("/embeddings")) {
            return "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1]}],"
                    + "\"model\":\"m\",\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}";
        }
        return OpenAiFakes.completion("ok");
    }

    private static String body(GatewayResponse response) {
        if (response instanceof GatewayResponse.Complete complete) {
            return new String(complete.body(), StandardCharsets.UTF_8);
        }
        List<String> events = new ArrayList<>();
        try {
            ((GatewayResponse.Streaming) response).events().writeTo((event, data) -> events.add(data));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return String.join("\n", events);
    }

    private static String fullText(GatewayRequest request) {
        StringBuilder text = new StringBuilder();
        request.headers()
                .forEach((name, value) ->
                        text.append(name).append(": ").append(value).append('\n'));
        return text.append(new String(request.body(), StandardCharsets.UTF_8)).toString();
    }

    private static String describe(GatewayRequest request) {
        StringBuilder text = new StringBuilder(request.endpoint().name());
        request.headers()
                .forEach((name, value) ->
                        text.append(' ').append(name).append(": ").append(abbreviate(value)));
        text.append(" body: ").append(abbreviate(new String(request.body(), StandardCharsets.UTF_8)));
        return text.toString();
    }

    private static String abbreviate(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) + "...(" + text.length() + " chars)" : text;
    }
}
