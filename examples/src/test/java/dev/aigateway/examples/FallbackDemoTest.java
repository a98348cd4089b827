package dev.aigateway.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Gateway;
import dev.aigateway.server.GatewayServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The walkthrough's story, told against the fakes, in-process and with a separate gateway. */
class FallbackDemoTest {
    private final Console console = new Console();

    @Test
    void geminiAnswersThenGpt4oTakesOverWithoutTheGeminiKey() {
        int code;
        try (DemoStack stack = DemoStack.start(Gateway.create())) {
            code = new FallbackDemo().run(stack, console.out);
        }

        assertEquals(0, code, console.text());
        console.assertLinesInOrder(
                "Step 1: Gemini has a good key",
                "question: Are you an OpenAI model?",
                "answered by: google",
                "model: gemini-2.5-flash",
                "answer: No, I am not an OpenAI model. I am Gemini, a large language model trained by Google.",
                "x-portkey-last-used-option-index: config.targets[0]",
                "ok: OpenAI was not called",
                "Step 2: the Gemini key is removed",
                "answered by: openai",
                "model: gpt-4o",
                "answer: Yes, I am an OpenAI model: GPT-4o, trained by OpenAI.",
                "x-portkey-last-used-option-index: config.targets[1]",
                "(the fake Gemini answered 403 PERMISSION_DENIED, so the gateway fell back)",
                "Step 3: the same, as a stream",
                "answered by: openai",
                "model: gpt-4o",
                "answer: Yes, I am an OpenAI model: GPT-4o, trained by OpenAI.",
                "x-portkey-last-used-option-index: config.targets[1]",
                "ok: the answer arrived in pieces");
        assertTrue(console.text().contains("real runs leave custom_host out"));
        assertTrue(console.text().contains("\"strategy\":{\"mode\":\"fallback\"}"));
        assertFalse(console.text().contains("FAILED"), console.text());
        assertTrue(console.text().contains("The story holds"));
        console.assertClean();
    }

    @Test
    void runsFromTheLauncherWithAGatewayGivenByUrl() throws Exception {
        Console err = new Console();
        int code;
        try (GatewayServer gateway = GatewayServer.builder().port(0).build().start()) {
            // A bare host:port gets /v1 added.
            code = Examples.run(List.of("fallback-demo", "--gateway", gateway.url()), console.out, err.out);
        }

        assertEquals(0, code, console.text() + err.text());
        assertTrue(console.text().contains("(given)"));
        console.assertLinesInOrder(
                "answered by: google",
                "x-portkey-last-used-option-index: config.targets[0]",
                "answered by: openai",
                "x-portkey-last-used-option-index: config.targets[1]");
        console.assertClean();
    }

    @Test
    void anUnreachableGatewayFailsTheStoryWithoutAStackTrace() throws Exception {
        String deadUrl;
        try (GatewayServer gone = GatewayServer.builder().port(0).build().start()) {
            deadUrl = gone.url() + "/v1";
        }

        int code = Examples.run(List.of("fallback-demo", "--gateway=" + deadUrl), console.out, new Console().out);

        assertEquals(1, code);
        assertTrue(console.text().contains("FAILED: could not reach the gateway (connection refused)"), console.text());
        assertTrue(console.text().contains("The story does NOT hold"));
        assertFalse(console.text().contains("\tat "));
    }
}
