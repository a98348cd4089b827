package dev.aigateway.examples;

import com.openai.client.OpenAIClient;
import dev.aigateway.client.PortkeyConfig;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streaming through the gateway: openai-java's {@code createStreaming} against the walkthrough's
 * config with a good Gemini key. Gemini streams server-sent {@code GenerateContentResponse}s; the
 * gateway turns each into an OpenAI {@code chat.completion.chunk} as it arrives, so the SDK reads
 * Gemini as if it were OpenAI.
 */
public final class StreamingExample extends StackExample {
    static final String PROMPT = "Explain streaming in one sentence.";

    @Override
    public String name() {
        return "streaming";
    }

    @Override
    public String summary() {
        return "Gemini's SSE stream read as OpenAI chunks with openai-java's createStreaming";
    }

    @Override
    public int run(DemoStack stack, PrintStream out) {
        out.println("== Streaming: Gemini's stream, read as OpenAI chunks ==");
        stack.describe(out);
        PortkeyConfig config = WalkthroughConfig.fallback(stack.gemini(), stack.openAi());
        out.println("config:      " + WalkthroughConfig.masked(config));
        DemoStack.customHostNote(out);
        out.println();
        out.println("  question: " + PROMPT);
        Story story = new Story(out);
        OpenAIClient client = GatewayClient.create(stack.gatewayUrl(), config);
        try {
            AtomicInteger count = new AtomicInteger();
            story.call(() -> Answer.askStreaming(
                            client,
                            WalkthroughConfig.GEMINI_MODEL,
                            PROMPT,
                            piece -> out.println("  piece " + count.incrementAndGet() + ": \"" + piece + "\"")))
                    .ifPresent(answer -> {
                        answer.print(out);
                        story.check(
                                answer.pieces().size() > 1,
                                "the answer arrived in " + answer.pieces().size() + " pieces");
                        story.check(answer.text().contains(PROMPT), "the pieces join into the whole answer");
                        story.checkAnsweredBy(answer, "google", "gemini", "config.targets[0]");
                    });
        } finally {
            client.close();
        }
        return story.end("Gemini's stream reached openai-java piece by piece, in OpenAI's format.");
    }
}
