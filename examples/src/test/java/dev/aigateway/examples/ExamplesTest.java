package dev.aigateway.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.examples.fakes.FakeProviders;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /**
     * Every example that ends by itself runs from the launcher and exits 0 against the fakes.
     * loadbalance is left to its own test, which seeds the random pick.
     */
    @ParameterizedTest
    @ValueSource(strings = {"fallback-demo", "embedded", "conditional", "streaming"})
    void everyStoryHoldsFromTheLauncher(String name) throws Exception {
        assertEquals(0, Examples.run(List.of(name), out.out, err.out), out.text() + err.text());

        assertTrue(out.text().contains("The story holds"), out.text());
        out.assertClean();
    }

    @Test
    void serverExamplesTakeNoStrayArguments() throws Exception {
        assertEquals(2, Examples.run(List.of("generate-app", "--port", "1"), out.out, err.out));
        assertEquals(2, Examples.run(List.of("embedded", "--gateway", "http://localhost:8787"), out.out, err.out));
    }

    @Test
    void aPortInUseIsAnErrorLineNotAStackTrace() throws Exception {
        try (FakeProviders taken = FakeProviders.start()) {
            String port = Integer.toString(URI.create(taken.openAi().url()).getPort());

            int code = Examples.run(List.of("fakes", "--gemini-port", "0", "--openai-port", port), out.out, err.out);

            assertEquals(1, code);
            assertEquals(
                    "error: could not listen on 127.0.0.1:" + port + ": Address already in use",
                    err.text().strip());
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

    @Test
    void aGatewayUrlWithoutSchemeOrHostIsAnErrorLineNotAStackTrace() throws Exception {
        for (String url : List.of("localhost:8787", "http://:8787", "http:// bad")) {
            Console err = new Console();

            assertEquals(2, Examples.run(List.of("fallback-demo", "--gateway", url), out.out, err.out), url);
            assertTrue(err.text().startsWith("error: --gateway needs an http(s) URL, got: " + url), err.text());
            err.assertClean();
        }
    }
}
