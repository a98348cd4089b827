package dev.aigateway.examples;

import dev.aigateway.client.PortkeyConfig;
import dev.aigateway.client.Strategy;
import dev.aigateway.client.Target;
import java.util.Map;

/**
 * The walkthrough's gateway config, the product's core scenario: ask Gemini, and when Gemini fails
 * send the same request to OpenAI with the model overridden to GPT-4o.
 *
 * <pre>{@code
 * {"strategy":{"mode":"fallback"},"targets":[
 *   {"provider":"google","api_key":"<gemini key>"},
 *   {"provider":"openai","api_key":"<openai key>","override_params":{"model":"gpt-4o"}}]}
 * }</pre>
 *
 * A missing key is left out of its target, so the provider refuses the call and the gateway moves
 * on: that is how removing the Gemini key demonstrates the fallback.
 */
public final class WalkthroughConfig {
    /** The model asked for; Gemini serves it, and the fallback target overrides it. */
    public static final String GEMINI_MODEL = "gemini-2.5-flash";

    public static final String FALLBACK_MODEL = "gpt-4o";

    private WalkthroughConfig() {}

    public static PortkeyConfig fallback(ProviderAccess gemini, ProviderAccess openAi) {
        return PortkeyConfig.builder()
                .strategy(Strategy.fallback())
                .addTarget(target("google", gemini).build())
                .addTarget(target("openai", openAi)
                        .overrideParams(Map.of("model", FALLBACK_MODEL))
                        .build())
                .build();
    }

    /** A target for {@code provider} with its key and custom host, each only when present. */
    static Target.Builder target(String provider, ProviderAccess access) {
        Target.Builder target = Target.builder().provider(provider);
        access.apiKey().ifPresent(target::apiKey);
        access.customHost().ifPresent(target::customHost);
        return target;
    }

    /** The config as JSON with keys masked, fit to print. */
    public static String masked(PortkeyConfig config) {
        String shown = config.toString(); // PortkeyConfig{...}, with keys as ***
        return shown.substring(shown.indexOf('{'));
    }
}
