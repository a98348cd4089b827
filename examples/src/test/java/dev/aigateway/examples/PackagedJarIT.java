package dev.aigateway.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-command walkthrough as a user runs it: {@code java -jar examples/target/examples.jar} in
 * a fresh JVM. The unit tests run the same code from the classpath; this catches what only the
 * shaded jar can get wrong (its manifest, merged service files, multi-release classes). Runs after
 * {@code package} in the {@code packaged-jar} execution of the examples POM.
 */
class PackagedJarIT {
    private final Console console = new Console();

    @TempDir
    Path temp;

    private int run(String... args) throws IOException, InterruptedException {
        // Set only by the packaged-jar execution: in the test phase the jar is not built yet.
        String property = System.getProperty("examples.jar");
        assumeTrue(property != null, "runs after package, in the packaged-jar execution");
        Path jar = Path.of(property);
        assertTrue(Files.isRegularFile(jar), "no " + jar + "; run mvn package first");
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path output = temp.resolve("output.txt");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            boolean exited = process.waitFor(50, TimeUnit.SECONDS);
            console.out.write(Files.readAllBytes(output));
            assertTrue(exited, "the jar did not exit:\n" + console.text());
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void withoutArgumentsTheJarListsTheExamples() throws Exception {
        assertEquals(0, run(), console.text());

        for (Example example : Examples.ALL) {
            assertTrue(console.text().contains("  " + example.name() + " "), console.text());
        }
    }

    @Test
    void theFallbackDemoRunsFromTheJarAndExits0() throws Exception {
        assertEquals(0, run("fallback-demo"), console.text());

        console.assertLinesInOrder(
                "Step 1: Gemini has a good key",
                "question: Are you an OpenAI model?",
                "answered by: google",
                "model: gemini-2.5-flash",
                "x-portkey-last-used-option-index: config.targets[0]",
                "Step 2: the Gemini key is removed",
                "answered by: openai",
                "model: gpt-4o",
                "x-portkey-last-used-option-index: config.targets[1]",
                "Step 3: the same, as a stream",
                "answered by: openai",
                "x-portkey-last-used-option-index: config.targets[1]",
                "The story holds: Gemini answers while its key is good; without it the gateway falls back to GPT-4o.");
        console.assertClean();
    }
}
