package dev.aigateway.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Gateway;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Load balancing splits the requests between the two targets. */
class LoadBalanceExampleTest {
    private final Console console = new Console();

    @Test
    void bothTargetsServeRequestsAndTheIndexNamesTheOneThatAnswered() {
        int code;
        // A seeded random makes the split repeatable; the example itself uses the gateway's default.
        try (DemoStack stack =
                DemoStack.start(Gateway.builder().random(new Random(42)).build())) {
            code = new LoadBalanceExample().run(stack, console.out);
        }

        assertEquals(0, code, console.text());
        List<String> requests = console.lines().stream()
                .filter(line -> line.startsWith("request "))
                .toList();
        assertEquals(LoadBalanceExample.REQUESTS, requests.size(), console.text());
        long google = requests.stream()
                .filter(line -> line.matches("request +\\d+: google +config\\.targets\\[0] gemini-2\\.5-flash"))
                .count();
        long openAi = requests.stream()
                .filter(line -> line.matches("request +\\d+: openai +config\\.targets\\[1] gpt-4o"))
                .count();
        assertEquals(LoadBalanceExample.REQUESTS, google + openAi, console.text());
        assertTrue(google > 0 && openAi > 0, console.text());
        console.assertLinesInOrder(
                "google answered " + google + " of 20",
                "openai answered " + openAi + " of 20",
                "ok: both targets served requests",
                "ok: x-portkey-last-used-option-index names the target that answered");
        console.assertClean();
    }
}
