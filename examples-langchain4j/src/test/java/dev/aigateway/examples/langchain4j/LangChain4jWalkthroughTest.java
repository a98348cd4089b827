package dev.aigateway.examples.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.aigateway.core.Gateway;
import dev.aigateway.examples.DemoStack;
import dev.aigateway.examples.fakes.FakeProviders;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runnable walkthrough, with the environment a user sets to point it at the fakes. */
class LangChain4jWalkthroughTest {
    @Test
    void withoutTheGeminiKeyGpt4oAnswersAllThree() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DemoStack stack = DemoStack.start(Gateway.create());
                PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            LangChain4jWalkthrough.run(
                    Map.of(
                            "GATEWAY_URL", stack.gatewayUrl(),
                            "OPENAI_API_KEY", FakeProviders.OPENAI_KEY,
                            "GEMINI_BASE_URL", stack.fakes().gemini().url(),
                            "OPENAI_BASE_URL", stack.fakes().openAi().url()),
                    out);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);

        List<String> lines = printed.lines().filter(line -> !line.isBlank()).toList();
        assertEquals("chat: Yes, I am an OpenAI model: GPT-4o, trained by OpenAI.", lines.get(2));
        assertEquals("  answered by openai through config.targets[1]", lines.get(3));
        assertEquals("tool [add(1234, 5678)]: GPT-4o (offline fake) called add, which answered: 6912", lines.get(4));
        assertEquals("  answered by openai through config.targets[1]", lines.get(5));
        assertEquals("structured: Person[name=Ada Lovelace, age=36]", lines.get(6));
        assertEquals("  answered by openai through config.targets[1]", lines.get(7));
        assertFalse(printed.contains(FakeProviders.OPENAI_KEY), "the config is printed with its keys masked");
    }
}
