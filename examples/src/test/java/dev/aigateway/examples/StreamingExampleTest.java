package dev.aigateway.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aigateway.core.Gateway;
import org.junit.jupiter.api.Test;

/** Gemini's stream through the gateway, read with openai-java. */
class StreamingExampleTest {
    private final Console console = new Console();

    @Test
    void geminisStreamArrivesAsOpenAiChunks() {
        int code;
        try (DemoStack stack = DemoStack.start(Gateway.create())) {
            code = new StreamingExample().run(stack, console.out);
        }

        assertEquals(0, code, console.text());
        console.assertLinesInOrder(
                "piece 1: \"Gemini (offline fake) received: \"",
                "piece 2: \"Explain streaming in one \"",
                "piece 3: \"sentence.\"",
                "answered by: google",
                "model: gemini-2.5-flash",
                "answer: Gemini (offline fake) received: Explain streaming in one sentence.",
                "x-portkey-last-used-option-index: config.targets[0]",
                "ok: the answer arrived in 3 pieces");
        console.assertClean();
    }
}
