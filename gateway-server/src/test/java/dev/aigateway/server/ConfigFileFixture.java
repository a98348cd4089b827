package dev.aigateway.server;

import dev.aigateway.server.fakes.FakeGemini;
import dev.aigateway.server.fakes.FakeOpenAi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockWebServer;

/**
 * A deployment as an operator writes it, for tests: fake Gemini and OpenAI upstreams on loopback,
 * and a {@code gateway.yaml} whose keys and provider keys come from the environment ({@link
 * #env()}). Named configs: {@code default} (Gemini, falling back to GPT-4o) and {@code cheap}
 * (GPT-4o mini). Keys: {@code team-a} (any config), {@code team-b} (only {@code cheap}),
 * {@code metered} (2 requests a minute), {@code tokens} (30 tokens a minute).
 */
final class ConfigFileFixture implements AutoCloseable {
    static final String TEAM_A_KEY = "team-a-key-0123456789";
    static final String TEAM_B_KEY = "team-b-key-0123456789";
    static final String METERED_KEY = "metered-key-0123456789";
    static final String TOKENS_KEY = "tokens-key-0123456789";
    static final String GEMINI_KEY = "gemini-good-key";
    static final String OPENAI_KEY = "sk-openai-good-key";

    private static final String TEMPLATE =
            """
            server:
              port: 0
            auth:
              keys:
                - name: team-a
                  key: ${TEAM_A_KEY}
                - name: team-b
                  key: ${TEAM_B_KEY}
                  configs: [cheap]
                - name: metered
                  key: ${METERED_KEY}
                  requests_per_minute: 2
                - name: tokens
                  key: ${TOKENS_KEY}
                  tokens_per_minute: 30
            configs:
              default:
                strategy: {mode: fallback}
                targets:
                  - {provider: google, api_key: "${GEMINI_API_KEY}", custom_host: "@GEMINI@"}
                  - provider: openai
                    api_key: "${OPENAI_API_KEY}"
                    override_params: {model: gpt-4o}
                    custom_host: "@OPENAI@"
              cheap:
                provider: openai
                api_key: "${OPENAI_API_KEY}"
                override_params: {model: @CHEAP_MODEL@}
                custom_host: "@OPENAI@"
            @EXTRA@
            default_config: default
            """;

    final MockWebServer gemini = new MockWebServer();
    final MockWebServer openai = new MockWebServer();
    final FakeGemini fakeGemini = new FakeGemini(GEMINI_KEY);
    final FakeOpenAi fakeOpenAi = new FakeOpenAi(OPENAI_KEY);
    private final Path file;

    private ConfigFileFixture(Path directory) {
        this.file = directory.resolve("gateway.yaml");
    }

    /** Starts the fakes and writes the file into {@code directory}. */
    static ConfigFileFixture start(Path directory) {
        ConfigFileFixture fixture = new ConfigFileFixture(directory);
        fixture.gemini.setDispatcher(fixture.fakeGemini);
        fixture.openai.setDispatcher(fixture.fakeOpenAi);
        try {
            fixture.gemini.start();
            fixture.openai.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fixture.write("gpt-4o-mini", "");
        return fixture;
    }

    Path file() {
        return file;
    }

    /** What the operator's environment holds: the keys the file names. */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("TEAM_A_KEY", TEAM_A_KEY);
        env.put("TEAM_B_KEY", TEAM_B_KEY);
        env.put("METERED_KEY", METERED_KEY);
        env.put("TOKENS_KEY", TOKENS_KEY);
        env.put("GEMINI_API_KEY", GEMINI_KEY);
        env.put("OPENAI_API_KEY", OPENAI_KEY);
        return env;
    }

    /** The options of a server started with this file, {@code args} first. */
    ServerOptions options(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = file.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return Main.options(all, env());
    }

    /**
     * Writes the file with {@code cheapModel} for the {@code cheap} config and {@code extra} lines
     * at the end of {@code configs:} (indented two spaces).
     */
    void write(String cheapModel, String extra) {
        write(TEMPLATE.replace("@GEMINI@", gemini.url("").toString())
                .replace("@OPENAI@", openai.url("/v1").toString())
                .replace("@CHEAP_MODEL@", cheapModel)
                .replace("@EXTRA@", extra));
    }

    void write(String text) {
        try {
            // Written beside and moved over, as editors and ConfigMaps do, so no reader sees half a file.
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.writeString(next, text, StandardCharsets.UTF_8);
            Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        gemini.close();
        openai.close();
    }
}
