package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The config file: what it may hold, and that each mistake names its line and path. */
class GatewayFileParserTest {
    static final String TEAM_A_KEY = "team-a-key-0123456789";
    private static final Map<String, String> ENV =
            Map.of("TEAM_A_KEY", TEAM_A_KEY, "GEMINI_API_KEY", "gemini-secret", "OPENAI_API_KEY", "openai-secret");

    static final String EXAMPLE =
            """
            server: {port: 8787, host: 127.0.0.1}
            auth:
              keys:
                - name: team-a
                  key: ${TEAM_A_KEY}
                  configs: [default, cheap]
                  requests_per_minute: 60
                - name: team-b
                  key_sha256: 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8
            configs:
              default:
                strategy: {mode: fallback}
                targets:
                  - {provider: google, api_key: "${GEMINI_API_KEY}"}
                  - {provider: openai, api_key: "${OPENAI_API_KEY}", override_params: {model: gpt-4o}}
              cheap: {provider: openai, api_key: "${OPENAI_API_KEY}", override_params: {model: gpt-4o-mini}}
            default_config: default
            """;

    private static GatewayFile parse(String text) {
        return parse("gateway.yaml", text, ENV);
    }

    private static GatewayFile parse(String name, String text, Map<String, String> env) {
        return GatewayFileParser.parse(name, text.getBytes(StandardCharsets.UTF_8), env, 1_700_000_000L);
    }

    private static String error(String text) {
        return assertThrows(ConfigFileException.class, () -> parse(text)).getMessage();
    }

    @Test
    void readsTheIssuesExample() throws Exception {
        GatewayFile file = parse(EXAMPLE);

        assertEquals(
                List.of(
                        new FileOption("--port", "gateway.yaml:1: server.port", "8787"),
                        new FileOption("--host", "gateway.yaml:1: server.host", "127.0.0.1")),
                file.serverOptions());
        assertEquals(List.of("default", "cheap"), List.copyOf(file.configs().keySet()));
        assertEquals(Optional.of("default"), file.defaultConfig());
        JsonNode fallback = Json.parse(file.configs().get("default"));
        assertEquals("gemini-secret", fallback.at("/targets/0/api_key").asText());
        assertEquals("gpt-4o", fallback.at("/targets/1/override_params/model").asText());

        GatewayKey teamA = file.keys().get(0);
        assertEquals("team-a", teamA.name());
        assertEquals(Optional.of(Set.of("default", "cheap")), teamA.configs());
        assertFalse(teamA.inlineConfigs(), "a key limited to configs may not send its own by default");
        assertEquals(OptionalLong.of(60), teamA.requestsPerMinute());
        assertEquals(Optional.of(teamA), file.keyFor(TEAM_A_KEY));
        assertEquals("team-b", file.keyFor("password").orElseThrow().name(), "key_sha256 of 'password'");
        assertTrue(file.keys().get(1).inlineConfigs());
        assertEquals(Optional.empty(), file.keyFor("team-a-key-012345678"));
        assertFalse(teamA.toString().contains(TEAM_A_KEY));
    }

    @Test
    void aJsonFileIsReadAsJson() {
        GatewayFile file = parse(
                "gateway.json",
                "{\"configs\": {\"solo\": {\"provider\": \"openai\", \"api_key\": \"k\"}},\n \"default_config\": \"solo\"}",
                Map.of());

        assertEquals(List.of("solo"), List.copyOf(file.configs().keySet()));
        ConfigFileException e = assertThrows(
                ConfigFileException.class,
                () -> parse(
                        "gateway.json",
                        "{\"configs\": {\"solo\": {\"provider\": \"openai\"}},\n \"default_config\": \"x\"}",
                        Map.of()));
        assertEquals("gateway.json:2: default_config: names no config under configs: they are solo", e.getMessage());
    }

    @Test
    void aMissingVariableIsAnErrorNamingItNotAnEmptyKey() {
        String text = "configs:\n  solo:\n    provider: openai\n    api_key: ${OPENAI_KEY}\n";

        ConfigFileException missing =
                assertThrows(ConfigFileException.class, () -> parse("gateway.yaml", text, Map.of()));
        ConfigFileException empty =
                assertThrows(ConfigFileException.class, () -> parse("gateway.yaml", text, Map.of("OPENAI_KEY", "")));

        assertEquals(
                "gateway.yaml:4: configs.solo.api_key: the environment variable OPENAI_KEY is not set"
                        + " (write ${OPENAI_KEY:-fallback} for a fallback)",
                missing.getMessage());
        assertTrue(empty.getMessage().contains("OPENAI_KEY is empty"), empty.getMessage());
    }

    @Test
    void variablesHaveFallbacksAndAnEscape() throws Exception {
        GatewayFile file = parse(
                "gateway.yaml",
                "configs:\n  solo: {provider: openai, api_key: \"${KEY:-sk-fallback}\","
                        + " override_params: {user: \"$${literal} ${WHO}-x\"}}\n",
                Map.of("WHO", "me"));

        JsonNode config = Json.parse(file.configs().get("solo"));
        assertEquals("sk-fallback", config.path("api_key").asText());
        assertEquals("${literal} me-x", config.at("/override_params/user").asText());
        assertTrue(error("configs:\n  solo: {provider: openai, api_key: \"${KEY\"}\n")
                .startsWith("gateway.yaml:2: configs.solo.api_key: a ${ without its closing }"));
        assertTrue(error("configs:\n  solo: {provider: openai, api_key: \"${1KEY}\"}\n")
                .contains("must name an environment variable"));
    }

    @Test
    void everyMistakeNamesItsLineAndPath() {
        assertEquals(
                "gateway.yaml:3: sever: unknown key; expected one of auth, configs, default_config, redis, server",
                error("configs: {}\n\nsever: {port: 1}\n"));
        assertEquals(
                "gateway.yaml:2: server.port must be between 0 and 65535, got 70000",
                error("server:\n  port: 70000\n"));
        assertTrue(error("server:\n  prot: 1\n")
                .startsWith(
                        "gateway.yaml:2: server.prot: unknown server option;" + " known: host, port, max_body_bytes"));
        assertEquals(
                "gateway.yaml:4: configs.default.targets[1].retry.attempts: must be a whole number from 0 to 5",
                error("configs:\n  default:\n    targets: [{provider: openai},\n      {provider: google, retry:"
                        + " {attempts: -1}}]\n    strategy: {mode: fallback}\n"));
        assertEquals(
                "gateway.yaml:5: auth.keys[0].key: a gateway key needs at least 16 characters",
                error("configs: {}\nauth:\n  keys:\n    - name: a\n      key: short\n"));
        assertEquals(
                "gateway.yaml:4: auth.keys[0].configs[0]: names no config under configs: they are solo",
                error("configs: {solo: {provider: openai}}\nauth:\n  keys:\n  - {name: a, configs: [solo2],"
                        + " key: aaaaaaaaaaaaaaaaaaaa}\n"));
        assertEquals(
                "gateway.yaml:6: auth.keys[1].name: another key has this name",
                error(
                        "auth:\n  keys:\n    - name: a\n      key: aaaaaaaaaaaaaaaaaaaa\n    - key: bbbbbbbbbbbbbbbbbbbb\n"
                                + "      name: a\n"));
        assertEquals(
                "gateway.yaml:2: auth.keys: must list at least one key (or leave out auth: to run without keys)",
                error("auth:\n  keys: []\n"));
        assertEquals(
                "gateway.yaml:3: auth.keys[0]: needs exactly one of key and key_sha256",
                error("auth:\n  keys:\n    - name: a\n"));
        assertEquals("gateway.yaml:3: configs: is given twice", error("configs: {}\nredis: redis://r\nconfigs: {}\n"));
        assertEquals(
                "gateway.yaml:3: auth.keys[0].requests_per_minute: must be a whole number of at least 1",
                error("auth:\n  keys: [{name: a, key: aaaaaaaaaaaaaaaaaaaa,\n     requests_per_minute: 0}]\n"));
        assertEquals(
                "gateway.yaml:1: configs.bad name: a config name is 1 to 128 letters, digits and . _ : / - (it is"
                        + " also a model name)",
                error("configs: {bad name: {provider: openai}}\n"));
        assertEquals("gateway.yaml: the file is empty", error(""));
        assertEquals(
                "gateway.yaml:1: the file must hold a mapping (lines of key: value) at its top", error("- a\n- b\n"));
    }

    @Test
    void syntaxErrorsNameTheLineButNeverQuoteTheFile() {
        String message = error("configs:\n  solo: {provider: openai, api_key: sk-secret-value: x}\n");

        assertTrue(message.startsWith("gateway.yaml:2: not valid YAML or JSON"), message);
        assertFalse(message.contains("sk-secret"), message);
        String json = assertThrows(
                        ConfigFileException.class,
                        () -> parse("g.json", "{\"configs\": {\"solo\": sk-secret-value}}", Map.of()))
                .getMessage();
        assertTrue(json.startsWith("g.json:1: not valid YAML or JSON"), json);
        assertFalse(json.contains("sk-secret"), json);
    }

    @Test
    void aKeyMayHaveItsOwnDefaultAndBeAllowedInlineConfigs() {
        GatewayFile file = parse("configs: {a: {provider: openai}, b: {provider: openai}}\nauth:\n  keys:\n"
                + "    - {name: k, key: kkkkkkkkkkkkkkkkkkkk, configs: [b], default_config: b, inline_configs: true,"
                + " tokens_per_minute: 1000}\n");

        GatewayKey key = file.keys().get(0);
        assertEquals(Optional.of("b"), key.defaultConfig());
        assertTrue(key.inlineConfigs());
        assertEquals(List.of("b"), key.usableConfigs(file));
        assertEquals(OptionalLong.of(1000), key.tokensPerMinute());
        assertArrayEquals(GatewayKey.sha256("kkkkkkkkkkkkkkkkkkkk"), key.sha256());
        assertTrue(error("configs: {a: {provider: openai}, b: {provider: openai}}\nauth:\n  keys:\n"
                        + "    - {name: k, key: kkkkkkkkkkkkkkkkkkkk, configs: [b], default_config: a}\n")
                .endsWith("auth.keys[0].default_config: is not one of this key's configs"));
    }

    @Test
    void redisAndOtherServerOptionsAreFileOptions() {
        GatewayFile file = parse("redis: redis://redis:6379\nserver:\n  drain_seconds: 5\n  max_body_bytes: 1024\n");

        assertEquals(
                List.of(
                        new FileOption("--drain-seconds", "gateway.yaml:3: server.drain_seconds", "5"),
                        new FileOption("--max-body-bytes", "gateway.yaml:4: server.max_body_bytes", "1024"),
                        new FileOption("--redis", "gateway.yaml:1: redis", "redis://redis:6379")),
                file.serverOptions());
        assertTrue(error("server: {config: other.yaml}\n").contains("server.config: unknown server option"));
        assertEquals(
                "gateway.yaml:1: redis must be a redis:// or rediss:// URL", error("redis: http://user:pw@redis\n"));
    }
}
