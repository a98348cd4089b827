package dev.aigateway.examples.springai;

import dev.aigateway.client.PortkeyConfig;
import dev.aigateway.client.Strategy;
import dev.aigateway.client.Target;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The provider keys and, for fakes or proxies only, the providers' base URLs ({@code walkthrough.*}
 * in {@code application.properties}, filled from {@code GEMINI_API_KEY}, {@code OPENAI_API_KEY},
 * {@code GEMINI_BASE_URL} and {@code OPENAI_BASE_URL}). A blank value counts as unset, and a
 * missing key is left out of the config: remove the Gemini key to see GPT-4o take over.
 */
@ConfigurationProperties("walkthrough")
public record WalkthroughProperties(
        String geminiApiKey, String openaiApiKey, String geminiBaseUrl, String openaiBaseUrl) {

    /**
     * Gemini, then GPT-4o: {@code {"strategy":{"mode":"fallback"},"targets":[{"provider":"google",
     * ...},{"provider":"openai",...,"override_params":{"model":"gpt-4o"}}]}}.
     */
    public PortkeyConfig fallbackConfig() {
        Target.Builder gemini = Target.builder().provider("google");
        present(geminiApiKey, gemini::apiKey);
        present(geminiBaseUrl, gemini::customHost);
        Target.Builder openAi = Target.builder().provider("openai").overrideParams(Map.of("model", "gpt-4o"));
        present(openaiApiKey, openAi::apiKey);
        present(openaiBaseUrl, openAi::customHost);
        return PortkeyConfig.builder()
                .strategy(Strategy.fallback())
                .addTarget(gemini.build())
                .addTarget(openAi.build())
                .build();
    }

    private static void present(String value, Consumer<String> use) {
        Optional.ofNullable(value)
                .filter(text -> !text.isBlank())
                .map(String::strip)
                .ifPresent(use);
    }

    @Override
    public String toString() {
        // The config masks the keys.
        return "WalkthroughProperties" + fallbackConfig();
    }
}
