package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aigateway.core.Gateway;
import dev.aigateway.core.state.InMemorySharedState;
import dev.aigateway.core.upstream.UpstreamRequest;
import dev.aigateway.server.fakes.InProcessUpstream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's config-file quick start works as written: its {@code gateway.yaml}, started as its
 * command says, answers its curl example (run by bash and real curl, sent to a gateway on port 0
 * whose upstream is in this process) through the fallback, and the gateway key stays in the
 * gateway.
 */
class ReadmeConfigFileTest {
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(# gateway.yaml\\n.*?)```", Pattern.DOTALL);
    private static final String GATEWAY_KEY = "readme-gateway-key-0123456789";

    @TempDir
    Path directory;

    @Test
    void theConfigFileQuickStartAnswersItsCurlExample() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/curl")) || Files.isExecutable(Path.of("/bin/curl")), "needs curl");
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher yaml = YAML_BLOCK.matcher(readme);
        assertTrue(yaml.find(), "the README shows a gateway.yaml");
        assertTrue(readme.contains("java -jar gateway-server/target/gateway-server.jar --config gateway.yaml"));
        Path file = directory.resolve("gateway.yaml");
        Files.writeString(file, yaml.group(1));
        Map<String, String> env = Map.of(
                "GATEWAY_KEY", GATEWAY_KEY,
                "GEMINI_API_KEY", "placeholder-gemini-key",
                "OPENAI_API_KEY", "placeholder-openai-key");
        ConfigFile config = ConfigFile.load(file, env);
        InProcessUpstream upstream = InProcessUpstream.answering();
        Gateway.Builder gateway = Gateway.builder().upstream(upstream);
        ConfigFileFeatures.install(gateway, config, InMemorySharedState.create());
        List<String> blocks = ReadmeCurlExamplesTest.curlBlocks(readme).stream()
                .filter(block -> block.contains("$GATEWAY_KEY"))
                .toList();
        assertFalse(blocks.isEmpty());

        try (GatewayServer server =
                GatewayServer.builder().port(0).gateway(gateway.build()).build().start()) {
            for (String block : blocks) {
                String output = bash(block, server.port(), env);
                assertTrue(output.contains("curl-status=200"), block + "\n" + output);
                assertTrue(output.contains("x-portkey-last-used-option-index: config.targets[1]"), output);
            }
        }
        // The fake answers in OpenAI's format, which is no Gemini answer: the fallback goes on to OpenAI.
        UpstreamRequest gemini = upstream.requests().get(0);
        UpstreamRequest openai = upstream.requests().get(1);
        assertTrue(gemini.url().contains("generativelanguage.googleapis.com"), gemini.url());
        assertEquals("placeholder-gemini-key", gemini.headers().value("x-goog-api-key"));
        assertEquals("Bearer placeholder-openai-key", openai.headers().value("authorization"));
        for (UpstreamRequest request : upstream.requests()) {
            assertFalse(request.headers().toString().contains(GATEWAY_KEY), "the gateway key stays here");
        }
    }

    private static String bash(String block, int port, Map<String, String> env) throws Exception {
        ProcessBuilder bash = new ProcessBuilder(
                        "bash",
                        "-c",
                        "curl() { command curl --connect-to ::127.0.0.1:" + port
                                + " --max-time 20 -w '\\ncurl-status=%{http_code}\\n' \"$@\"; }\n" + block)
                .redirectErrorStream(true);
        bash.environment().putAll(env);
        Process process = bash.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
