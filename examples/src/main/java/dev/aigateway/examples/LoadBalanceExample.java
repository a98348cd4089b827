package dev.aigateway.examples;

import com.openai.client.OpenAIClient;
import dev.aigateway.client.PortkeyConfig;
import dev.aigateway.client.Strategy;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Load balancing: a {@code loadbalance} config splits requests between Gemini and GPT-4o by
 * weight (here 1 and 1, so about half each). Each request goes to exactly one target; a
 * loadbalance target has no failover unless a fallback is nested inside it.
 */
public final class LoadBalanceExample extends StackExample {
    /** Enough that both targets are picked, but for a chance of about 2 in a million. */
    static final int REQUESTS = 20;

    static final String PROMPT = "Which model are you?";

    @Override
    public String name() {
        return "loadbalance";
    }

    @Override
    public String summary() {
        return "a loadbalance config splits " + REQUESTS + " requests between Gemini and GPT-4o by weight";
    }

    static PortkeyConfig config(ProviderAccess gemini, ProviderAccess openAi) {
        return PortkeyConfig.builder()
                .strategy(Strategy.loadbalance())
                .addTarget(WalkthroughConfig.target("google", gemini).weight(1).build())
                .addTarget(WalkthroughConfig.target("openai", openAi)
                        .weight(1)
                        .overrideParams(Map.of("model", WalkthroughConfig.FALLBACK_MODEL))
                        .build())
                .build();
    }

    @Override
    public int run(DemoStack stack, PrintStream out) {
        out.println("== Load balancing: Gemini and GPT-4o share the traffic ==");
        stack.describe(out);
        PortkeyConfig config = config(stack.gemini(), stack.openAi());
        out.println("config:      " + WalkthroughConfig.masked(config));
        DemoStack.customHostNote(out);
        out.println();
        Story story = new Story(out);
        Map<String, Integer> answered = new TreeMap<>();
        boolean indexesMatch = true;
        OpenAIClient client = GatewayClient.create(stack.gatewayUrl(), config);
        try {
            for (int i = 1; i <= REQUESTS; i++) {
                Optional<Answer> answer = story.call(() -> Answer.ask(client, WalkthroughConfig.GEMINI_MODEL, PROMPT));
                if (answer.isEmpty()) {
                    break;
                }
                Answer a = answer.get();
                out.printf("  request %2d: %-7s %-17s %s%n", i, a.provider(), a.optionIndex(), a.model());
                answered.merge(a.provider(), 1, Integer::sum);
                String expectedIndex = a.provider().equals("google") ? "config.targets[0]" : "config.targets[1]";
                indexesMatch &= a.optionIndex().equals(expectedIndex);
            }
        } finally {
            client.close();
        }
        out.println();
        answered.forEach((provider, count) -> out.println("  " + provider + " answered " + count + " of " + REQUESTS));
        story.check(
                answered.getOrDefault("google", 0) > 0 && answered.getOrDefault("openai", 0) > 0,
                "both targets served requests");
        story.check(indexesMatch, "x-portkey-last-used-option-index names the target that answered");
        return story.end("each request went to one target, picked by weight.");
    }
}
