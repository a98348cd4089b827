package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.upstream.UpstreamRequest;
import dev.aigateway.server.fakes.InProcessUpstream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every shell block of the README that runs curl works pasted as written: bash runs it as it
 * stands, with placeholder keys, and real curl sends it to a gateway on port 0 (curl's
 * {@code --connect-to} sends every host there) whose upstream is in this process, so nothing leaves
 * the machine. A header that spans lines would get the server's empty 400 instead.
 */
class ReadmeCurlExamplesTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern SHELL_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern STATUS = Pattern.compile("curl-status=(\\d{3})");

    @Test
    void everyCurlExampleInTheReadmeIsAcceptedAsWritten() throws Exception {
        assumeTrue(onPath("bash") && onPath("curl"), "needs bash and curl");
        List<String> blocks = curlBlocks(Files.readString(README));
        // The config-file examples need a gateway started with that file: ReadmeConfigFileTest runs them.
        blocks.removeIf(block -> block.contains("$GATEWAY_KEY"));
        assertFalse(blocks.isEmpty(), "the README has curl examples");
        InProcessUpstream upstream = InProcessUpstream.answering();
        try (GatewayServer server = GatewayServer.builder()
                .port(0)
                .gateway(Gateway.builder().upstream(upstream).build())
                .build()
                .start()) {
            for (String block : blocks) {
                String output = run(block, server.port());
                List<String> statuses = statuses(output);

                assertEquals(curlCount(block), statuses.size(), "every curl ran:\n" + block + "\n" + output);
                for (String status : statuses) {
                    assertFalse(
                            status.equals("400") || status.equals("000"),
                            "refused or failed:\n" + block + "\n" + output);
                }
            }
        }
        UpstreamRequest fallbackFirstTarget = upstream.requests().get(0);
        assertTrue(fallbackFirstTarget.url().contains("generativelanguage.googleapis.com"), fallbackFirstTarget.url());
        assertEquals("placeholder-gemini-key", fallbackFirstTarget.headers().value("x-goog-api-key"));
        JsonNode body = Json.parse(fallbackFirstTarget.body());
        assertEquals(
                "Are you an OpenAI model?", body.at("/contents/0/parts/0/text").asText());
    }

    @Test
    void everyHeaderOfTheReadmeCurlExamplesIsOneLineAndItsJsonIsValid() throws Exception {
        assumeTrue(onPath("bash"), "needs bash");
        int headers = 0;
        for (String block : curlBlocks(Files.readString(README))) {
            // curl is replaced by a function that prints the arguments bash gave it, one per NUL.
            String output = bash("curl() { printf '%s\\0' \"$@\"; }\n" + block);
            String[] args = output.split("\0");
            for (int i = 0; i + 1 < args.length; i++) {
                String value = args[i + 1];
                if (args[i].equals("-H")) {
                    headers++;
                    assertFalse(value.contains("\n") || value.contains("\r"), "a header spans lines: " + value);
                    String headerValue = value.substring(value.indexOf(':') + 1).strip();
                    if (headerValue.startsWith("{")) {
                        assertTrue(Json.parse(headerValue).isObject(), value);
                        assertFalse(headerValue.contains("$"), "shell variables were substituted: " + value);
                    }
                } else if (args[i].equals("-d")) {
                    assertTrue(Json.parse(value).isObject(), value);
                }
            }
        }
        assertTrue(headers >= 2, "the examples' headers were found");
    }

    /** The README's {@code sh} blocks that call curl. */
    static List<String> curlBlocks(String readme) {
        List<String> blocks = new ArrayList<>();
        Matcher block = SHELL_BLOCK.matcher(readme);
        while (block.find()) {
            if (curlCount(block.group(1)) > 0) {
                blocks.add(block.group(1));
            }
        }
        return blocks;
    }

    private static long curlCount(String block) {
        return block.lines().filter(line -> line.startsWith("curl ")).count();
    }

    /** Runs {@code block} in bash, with curl pointed at {@code port} and reporting each status. */
    private static String run(String block, int port) throws IOException, InterruptedException {
        return bash("curl() { command curl --connect-to ::127.0.0.1:" + port
                + " --max-time 20 -w '\\ncurl-status=%{http_code}\\n' \"$@\"; }\n" + block);
    }

    /** Runs {@code script} in bash with placeholder keys; returns what it printed. */
    private static String bash(String script) throws IOException, InterruptedException {
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        bash.environment().put("GEMINI_API_KEY", "placeholder-gemini-key");
        bash.environment().put("OPENAI_API_KEY", "placeholder-openai-key");
        Process process = bash.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bash finished");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static List<String> statuses(String output) {
        List<String> statuses = new ArrayList<>();
        Matcher status = STATUS.matcher(output);
        while (status.find()) {
            statuses.add(status.group(1));
        }
        return statuses;
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }
}
