package dev.aigateway.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.examples.fakes.FakeProviders;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A {@link PrintStream} for an example to print to, and assertions on what it printed. */
final class Console {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    List<String> lines() {
        return text().lines().map(String::strip).toList();
    }

    /** Asserts that these lines were printed in this order (other lines may come between). */
    void assertLinesInOrder(String... expected) {
        List<String> lines = lines();
        int from = 0;
        for (String line : expected) {
            int at = lines.subList(from, lines.size()).indexOf(line);
            assertTrue(at >= 0, "missing, or out of order: '" + line + "' in\n" + text());
            from += at + 1;
        }
    }

    /** Asserts that no key and no stack trace was printed. */
    void assertClean() {
        String text = text();
        assertFalse(text.contains(FakeProviders.GEMINI_KEY), "the Gemini key was printed");
        assertFalse(text.contains(FakeProviders.OPENAI_KEY), "the OpenAI key was printed");
        assertFalse(text.contains("\tat ") || text.contains("Exception"), "a stack trace was printed:\n" + text);
    }
}
