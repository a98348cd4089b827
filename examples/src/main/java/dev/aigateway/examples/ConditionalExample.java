package dev.aigateway.examples;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.aigateway.client.HeaderOptions;
import dev.aigateway.client.Portkey;
import dev.aigateway.client.PortkeyConfig;
import dev.aigateway.client.Strategy;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * Conditional routing: a {@code conditional} config sends requests whose metadata says
 * {@code "plan": "pro"} to GPT-4o and everything else to Gemini. The metadata travels per request
 * in {@code x-portkey-metadata}, made by {@code createHeaders}; the config stays on the client.
 */
public final class ConditionalExample extends StackExample {
    static final String PROMPT = "Which model are you?";

    @Override
    public String name() {
        return "conditional";
    }

    @Override
    public String summary() {
        return "a conditional config routes \"plan\": \"pro\" requests to GPT-4o, the rest to Gemini";
    }

    static PortkeyConfig config(ProviderAccess gemini, ProviderAccess openAi) {
        return PortkeyConfig.builder()
                .strategy(Strategy.conditional()
                        .withCondition(Map.of("metadata.plan", Map.of("$eq", "pro")), "premium")
                        .withDefault("standard"))
                .addTarget(WalkthroughConfig.target("google", gemini)
                        .name("standard")
                        .build())
                .addTarget(WalkthroughConfig.target("openai", openAi)
                        .name("premium")
                        .overrideParams(Map.of("model", WalkthroughConfig.FALLBACK_MODEL))
                        .build())
                .build();
    }

    @Override
    public int run(DemoStack stack, PrintStream out) {
        out.println("== Conditional routing: the request's metadata picks the model ==");
        stack.describe(out);
        PortkeyConfig config = config(stack.gemini(), stack.openAi());
        out.println("config:      " + WalkthroughConfig.masked(config));
        DemoStack.customHostNote(out);
        Story story = new Story(out);
        OpenAIClient client = GatewayClient.create(stack.gatewayUrl(), config);
        try {
            ask(client, "free", out, story).ifPresent(answer -> {
                answer.print(out);
                story.checkAnsweredBy(answer, "google", "gemini", "config.targets[0]");
            });
            ask(client, "pro", out, story).ifPresent(answer -> {
                answer.print(out);
                story.checkAnsweredBy(answer, "openai", "gpt-4o", "config.targets[1]");
            });
        } finally {
            client.close();
        }
        return story.end("the \"pro\" plan reached GPT-4o, the \"free\" plan the default, Gemini.");
    }

    private static Optional<Answer> ask(OpenAIClient client, String plan, PrintStream out, Story story) {
        out.println();
        out.println("Request with metadata {\"plan\": \"" + plan + "\"}");
        out.println("  question: " + PROMPT);
        ChatCompletionCreateParams.Builder params = Answer.params(WalkthroughConfig.GEMINI_MODEL, PROMPT).toBuilder();
        Portkey.createHeaders(
                        HeaderOptions.builder().metadata(Map.of("plan", plan)).build())
                .forEach(params::putAdditionalHeader);
        return story.call(() -> Answer.ask(client, params.build()));
    }
}
