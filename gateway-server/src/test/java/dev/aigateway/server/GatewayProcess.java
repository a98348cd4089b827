package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar gateway-server.jar ...} in a fresh JVM, as an operator runs it: its output
 * (standard output and error together) goes to a file, the environment is this one's without the
 * gateway's own variables, plus what the test gives. Set only by the packaged-jar execution of the
 * POM, after {@code package}; the *IT tests are skipped elsewhere.
 */
final class GatewayProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("AI Gateway listening on (http://[^ ]+) ");

    private final Process process;
    private final Path output;
    private String url;

    private GatewayProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** The packaged jar, or the test is skipped (it runs after {@code package}). */
    static Path jar() {
        String property = System.getProperty("gateway.jar");
        assumeTrue(property != null, "runs after package, in the packaged-jar execution");
        Path jar = Path.of(property);
        assertTrue(Files.isRegularFile(jar), "no " + jar + "; run mvn package first");
        return jar;
    }

    /** Starts the jar with {@code args} and {@code env}; its output goes to {@code output}. */
    static GatewayProcess start(Path output, Map<String, String> env, String... args) {
        return start(output, env, List.of(), args);
    }

    /** Starts the jar in a JVM with {@code jvmOptions} too. */
    static GatewayProcess start(Path output, Map<String, String> env, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC", "-Xmx128m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment()
                .keySet()
                .removeIf(name -> name.equals("PORT")
                        || name.equals("HOST")
                        || name.startsWith("GATEWAY_")
                        || name.equals("TRUSTED_CUSTOM_HOSTS"));
        builder.environment().putAll(env);
        try {
            return new GatewayProcess(builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the line saying where it listens; fails with the output when it exits first. */
    GatewayProcess awaitListening() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Matcher listening = LISTENING.matcher(output());
            if (listening.find()) {
                url = listening.group(1);
                return this;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the gateway exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the gateway did not start in 30 s:\n" + output());
    }

    String url() {
        return url;
    }

    int port() {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    /** Sends {@code SIG<name>} with kill(1). */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .inheritIO()
                .start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name);
    }

    /** The exit status, once it exits within {@code seconds}. */
    int awaitExit(long seconds) throws InterruptedException {
        assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), "the gateway did not exit:\n" + output());
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Everything it printed so far. */
    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Waits until its output holds {@code text}; false after {@code seconds}. */
    boolean awaitOutput(String text, long seconds) throws InterruptedException {
        for (long i = 0; i < seconds * 20; i++) {
            if (output().contains(text)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** SIGTERM, as an operator stops it, and waits for the exit (its shutdown hooks run). */
    void terminate() throws InterruptedException {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
