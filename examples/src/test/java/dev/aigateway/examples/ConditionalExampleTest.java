package dev.aigateway.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aigateway.core.Gateway;
import org.junit.jupiter.api.Test;

/** Conditional routing by request metadata. */
class ConditionalExampleTest {
    private final Console console = new Console();

    @Test
    void theProPlanGoesToGpt4oAndTheRestToGemini() {
        int code;
        try (DemoStack stack = DemoStack.start(Gateway.create())) {
            code = new ConditionalExample().run(stack, console.out);
        }

        assertEquals(0, code, console.text());
        console.assertLinesInOrder(
                "Request with metadata {\"plan\": \"free\"}",
                "answered by: google",
                "model: gemini-2.5-flash",
                "x-portkey-last-used-option-index: config.targets[0]",
                "Request with metadata {\"plan\": \"pro\"}",
                "answered by: openai",
                "model: gpt-4o",
                "x-portkey-last-used-option-index: config.targets[1]",
                "The story holds: the \"pro\" plan reached GPT-4o, the \"free\" plan the default, Gemini.");
        console.assertClean();
    }
}
