package dev.aigateway.examples;

import com.openai.client.OpenAIClient;
import dev.aigateway.client.PortkeyConfig;
import dev.aigateway.examples.fakes.FakeGemini;
import dev.aigateway.examples.fakes.FakeOpenAi;
import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The walkthrough, offline: openai-java with {@code createHeaders} asks "Are you an OpenAI model?"
 * through the gateway with the Gemini-then-GPT-4o fallback config. With a good Gemini key Gemini
 * answers ({@code config.targets[0]}); with the key removed Gemini refuses and GPT-4o answers
 * ({@code config.targets[1]}); then the same as a stream.
 */
public final class FallbackDemo extends StackExample {
    public static final String QUESTION = "Are you an OpenAI model?";

    @Override
    public String name() {
        return "fallback-demo";
    }

    @Override
    public String summary() {
        return "the walkthrough: Gemini answers; remove its key and GPT-4o answers (complete and streamed)";
    }

    @Override
    public int run(DemoStack stack, PrintStream out) {
        out.println("== Fallback demo: Gemini first, GPT-4o when Gemini fails ==");
        stack.describe(out);
        PortkeyConfig withKey = WalkthroughConfig.fallback(stack.gemini(), stack.openAi());
        PortkeyConfig withoutKey = WalkthroughConfig.fallback(stack.gemini().withoutKey(), stack.openAi());
        out.println("config:      " + WalkthroughConfig.masked(withKey));
        DemoStack.customHostNote(out);
        OpenAIClient client = GatewayClient.create(stack.gatewayUrl(), withKey);
        OpenAIClient keyless = GatewayClient.create(stack.gatewayUrl(), withoutKey);
        try {
            return tell(stack, out, client, keyless);
        } finally {
            client.close();
            keyless.close();
        }
    }

    private static int tell(DemoStack stack, PrintStream out, OpenAIClient client, OpenAIClient keyless) {
        FakeGemini gemini = stack.fakes().gemini();
        FakeOpenAi openAi = stack.fakes().openAi();
        Story story = new Story(out);

        step(out, "Step 1: Gemini has a good key");
        int openAiCalls = openAi.requestCount();
        ask(story, out, () -> Answer.ask(client, WalkthroughConfig.GEMINI_MODEL, QUESTION))
                .ifPresent(answer -> story.checkAnsweredBy(answer, "google", "gemini", "config.targets[0]"));
        story.check(openAi.requestCount() == openAiCalls, "OpenAI was not called");

        step(out, "Step 2: the Gemini key is removed");
        ask(story, out, () -> Answer.ask(keyless, WalkthroughConfig.GEMINI_MODEL, QUESTION))
                .ifPresent(answer -> {
                    out.println("  (the fake Gemini answered " + gemini.lastOutcome() + ", so the gateway fell back)");
                    story.check(
                            gemini.lastOutcome().equals("403 PERMISSION_DENIED"), "Gemini refused the keyless call");
                    story.checkAnsweredBy(answer, "openai", "gpt-4o", "config.targets[1]");
                });

        step(out, "Step 3: the same, as a stream");
        ask(story, out, () -> Answer.askStreaming(keyless, WalkthroughConfig.GEMINI_MODEL, QUESTION))
                .ifPresent(answer -> {
                    story.check(answer.pieces().size() > 1, "the answer arrived in pieces");
                    story.checkAnsweredBy(answer, "openai", "gpt-4o", "config.targets[1]");
                });

        return story.end("Gemini answers while its key is good; without it the gateway falls back to GPT-4o.");
    }

    private static void step(PrintStream out, String title) {
        out.println();
        out.println(title);
        out.println("  question: " + QUESTION);
    }

    private static Optional<Answer> ask(Story story, PrintStream out, Supplier<Answer> call) {
        Optional<Answer> answer = story.call(call);
        answer.ifPresent(a -> a.print(out));
        return answer;
    }
}
