package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/deployment.md's examples hold: its config files are files the gateway accepts, its first
 * error line is the one the gateway prints, and its Kubernetes manifests mount the file where the
 * container reads it, probe the routes that exist and leave time for the drain.
 */
class DeploymentDocsTest {
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ERROR_BLOCK = Pattern.compile("```text\\n(error: .*?)```", Pattern.DOTALL);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private static String docs() throws Exception {
        return Files.readString(Path.of("..", "docs", "deployment.md"));
    }

    private static List<String> yamlBlocks() throws Exception {
        List<String> blocks = new ArrayList<>();
        Matcher block = YAML_BLOCK.matcher(docs());
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }

    /** Every variable the file names, set to a placeholder long enough for a gateway key. */
    private static Map<String, String> placeholders(String file) {
        Map<String, String> env = new HashMap<>();
        Matcher variable = VARIABLE.matcher(file);
        while (variable.find()) {
            env.put(
                    variable.group(1),
                    variable.group(1).equals("REDIS_URL") ? "redis://redis:6379" : "placeholder-0123456789");
        }
        return env;
    }

    private static GatewayFile accept(String file) {
        return GatewayFileParser.parse("gateway.yaml", file.getBytes(StandardCharsets.UTF_8), placeholders(file), 0);
    }

    @Test
    void theExampleFileIsAcceptedAndItsErrorLineIsTheGatewaysOwn() throws Exception {
        String example = yamlBlocks().get(0);

        GatewayFile file = accept(example);
        Map<String, String> withoutKey = placeholders(example);
        withoutKey.remove("TEAM_A_KEY");
        String message = assertThrows(
                        ConfigFileException.class,
                        () -> GatewayFileParser.parse(
                                "gateway.yaml", example.getBytes(StandardCharsets.UTF_8), withoutKey, 0))
                .getMessage();
        Matcher errors = ERROR_BLOCK.matcher(docs());

        assertEquals(
                List.of("team-a", "team-b"),
                file.keys().stream().map(GatewayKey::name).toList());
        assertEquals(List.of("default", "cheap"), List.copyOf(file.configs().keySet()));
        assertTrue(errors.find());
        assertEquals("error: " + message, errors.group(1).lines().findFirst().orElseThrow());
    }

    @Test
    void theKubernetesManifestsFitTheImage() throws Exception {
        String manifests = yamlBlocks().stream()
                .filter(block -> block.contains("apiVersion:"))
                .findFirst()
                .orElseThrow();
        Map<String, JsonNode> byKind = new HashMap<>();
        try (MappingIterator<JsonNode> documents =
                new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(manifests)) {
            documents.forEachRemaining(
                    document -> byKind.put(document.path("kind").asText(), document));
        }

        String file = byKind.get("ConfigMap").at("/data/gateway.yaml").asText();
        GatewayFile accepted = accept(file);
        JsonNode pod = byKind.get("Deployment").at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        String mountPath = container.at("/volumeMounts/0/mountPath").asText();

        assertFalse(accepted.keys().isEmpty());
        assertEquals("--redis", accepted.serverOptions().get(0).flag(), "the replicas share their limits");
        assertEquals(
                List.of("--config", mountPath + "/gateway.yaml"),
                List.of(
                        container.at("/args/0").asText(),
                        container.at("/args/1").asText()));
        assertFalse(container.at("/volumeMounts/0").has("subPath"), "a subPath mount never sees updates");
        assertEquals("/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/health", container.at("/livenessProbe/httpGet/path").asText());
        int preStop = Integer.parseInt(
                container.at("/lifecycle/preStop/exec/command/1").asText());
        assertTrue(pod.path("terminationGracePeriodSeconds").asInt() > preStop + 30, "room for the drain");
        assertEquals(8787, container.at("/ports/0/containerPort").asInt());
        assertEquals(
                "http", byKind.get("Service").at("/spec/ports/0/targetPort").asText());
    }
}
