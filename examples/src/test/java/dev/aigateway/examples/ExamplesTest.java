package dev.aigateway.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The launcher: lists, finds and refuses examples. */
class ExamplesTest {
    private final Console out = new Console();
    private final Console err = new Console();

    @Test
    void withoutArgumentsItListsEveryExample() throws Exception {
        assertEquals(0, Examples.run(List.of(), out.out, err.out));

        for (Example example : Examples.ALL) {
            assertTrue(out.text().contains("  " + example.name() + " "), out.text());
        }
    }

    @Test
    void anUnknownExampleExitsWith2() throws Exception {
        assertEquals(2, Examples.run(List.of("nope"), out.out, err.out));

        assertTrue(err.text().startsWith("error: no example named 'nope'"), err.text());
    }

    @Test
    void anUnknownOptionExitsWith2AndShowsTheUsage() throws Exception {
        assertEquals(2, Examples.run(List.of("fallback-demo", "--nope"), out.out, err.out));

        assertTrue(err.text().contains("unknown or incomplete option: --nope"), err.text());
        assertTrue(err.text().contains("usage: java -jar examples.jar fallback-demo [--gateway URL]"), err.text());
    }

    @Test
    void gatewayUrlsEndInV1() {
        assertEquals("http://localhost:8787/v1", DemoOptions.baseUrl("http://localhost:8787"));
        assertEquals("http://localhost:8787/v1", DemoOptions.baseUrl("http://localhost:8787/v1/"));
    }
}
