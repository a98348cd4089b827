package dev.aigateway.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.aigateway.core.Gateway;
import dev.aigateway.examples.fakes.FakeProviders;
import org.junit.jupiter.api.Test;

/** The fallback with gateway-core in-process, no server. */
class EmbeddedExampleTest {
    private final Console console = new Console();

    @Test
    void geminiAnswersThenGpt4oWithoutAServer() {
        int code;
        int geminiCalls;
        try (FakeProviders fakes = FakeProviders.start();
                Gateway gateway = Gateway.create()) {
            code = new EmbeddedExample().run(fakes, gateway, console.out);
            geminiCalls = fakes.gemini().requestCount();
        }

        assertEquals(0, code, console.text());
        console.assertLinesInOrder(
                "Step 1: Gemini has a good key",
                "answered by: google",
                "model: gemini-2.5-flash",
                "x-portkey-last-used-option-index: config.targets[0]",
                "Step 2: the Gemini key is removed",
                "answered by: openai",
                "model: gpt-4o",
                "answer: Yes, I am an OpenAI model: GPT-4o, trained by OpenAI.",
                "x-portkey-last-used-option-index: config.targets[1]",
                "Step 3: the same, as a stream",
                "answered by: openai",
                "x-portkey-last-used-option-index: config.targets[1]",
                "ok: the answer arrived in pieces");
        assertEquals(3, geminiCalls, "Gemini was asked first every time");
        assertFalse(console.text().contains("FAILED"), console.text());
        console.assertClean();
    }
}
