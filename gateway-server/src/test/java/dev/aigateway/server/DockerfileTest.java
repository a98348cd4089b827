package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile, which cannot be built on a machine without a Docker engine, checked for what can
 * be checked without one: the files and paths it names exist, the jar path is where Maven puts it,
 * its JVM flags are those docs/configuration.md recommends, and the image runs as an unprivileged
 * user on every address with a health check on {@code /health} and the AppCDS archive its build
 * makes.
 */
class DockerfileTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern JVM_FLAGS = Pattern.compile("java (-XX:\\+UseSerialGC -Xmx\\d+m) -jar");

    private static String dockerfile() throws Exception {
        // Continuation lines joined, as Docker reads them.
        return Files.readString(ROOT.resolve("Dockerfile")).replace("\\\n", " ");
    }

    private static List<String> instructions(String name) throws Exception {
        List<String> found = new ArrayList<>();
        for (String line : dockerfile().lines().toList()) {
            if (line.startsWith(name + " ")) {
                found.add(line.substring(name.length() + 1).strip());
            }
        }
        return found;
    }

    private static List<String> entrypoint() throws Exception {
        JsonNode exec = Json.parse(instructions("ENTRYPOINT").get(0));
        List<String> words = new ArrayList<>();
        exec.forEach(word -> words.add(word.asText()));
        return words;
    }

    @Test
    void everyFileItCopiesFromTheSourceTreeExists() throws Exception {
        for (String copy : instructions("COPY")) {
            if (copy.startsWith("--from=")) {
                continue;
            }
            String[] parts = copy.split("\\s+");
            for (int i = 0; i < parts.length - 1; i++) {
                assertTrue(Files.exists(ROOT.resolve(parts[i])), "COPY source " + parts[i]);
            }
        }
        assertTrue(Files.isRegularFile(ROOT.resolve(".dockerignore")));
        assertTrue(Files.readString(ROOT.resolve(".dockerignore")).contains("**/target"));
    }

    @Test
    void theJarItCopiesIsWhereMavenBuildsIt() throws Exception {
        String pom = Files.readString(ROOT.resolve("gateway-server/pom.xml"));
        String workdir = instructions("WORKDIR").get(0);
        String copy = instructions("COPY").stream()
                .filter(c -> c.startsWith("--from=build "))
                .findFirst()
                .orElseThrow();

        assertTrue(pom.contains("<finalName>gateway-server</finalName>"));
        assertEquals("/src", workdir, "the build stage's source tree");
        assertTrue(copy.contains(" /src/gateway-server/target/gateway-server.jar /app/gateway-server.jar"), copy);
        assertTrue(instructions("RUN").get(0).contains("-pl gateway-server -am"));
        assertTrue(entrypoint().containsAll(List.of("-jar", "/app/gateway-server.jar")));
    }

    @Test
    void itsJvmFlagsAreTheSmallFootprintSettingsOfTheDocs() throws Exception {
        Matcher documented = JVM_FLAGS.matcher(Files.readString(ROOT.resolve("docs/configuration.md")));
        assertTrue(documented.find(), "configuration.md shows the JVM settings");
        String flags = documented.group(1);
        String script = Files.readString(ROOT.resolve("docker/cds-training.sh"));

        assertTrue(
                String.join(" ", entrypoint()).startsWith("java " + flags + " "),
                entrypoint().toString());
        assertTrue(script.contains("java " + flags + " -XX:ArchiveClassesAtExit="), "the training run uses them too");
    }

    @Test
    void theImageRunsUnprivilegedOnEveryAddressWithAHealthCheckAndTheArchive() throws Exception {
        List<String> from = instructions("FROM");
        String run = String.join("\n", instructions("RUN"));
        List<String> entrypoint = entrypoint();

        assertTrue(from.get(0).startsWith("maven:") && from.get(0).contains("temurin-21"), from.get(0));
        assertEquals("eclipse-temurin:21-jre", from.get(from.size() - 1));
        String user = instructions("USER").get(0);
        assertFalse(user.equals("root") || user.equals("0"), "runs as " + user);
        assertTrue(run.contains("--uid " + user), "the user it runs as exists");
        assertEquals(List.of("--host", "0.0.0.0"), entrypoint.subList(entrypoint.size() - 2, entrypoint.size()));
        assertTrue(instructions("HEALTHCHECK").get(0).contains("GET /health "));
        assertTrue(run.contains("bash /app/cds-training.sh /app/gateway-server.jar /app/gateway.jsa"));
        assertTrue(entrypoint.contains("-XX:SharedArchiveFile=/app/gateway.jsa"), "the archive the build made");
        assertEquals(List.of("8787"), instructions("EXPOSE"));
    }

    @Test
    void theTrainingScriptIsValidBash() throws Exception {
        Process check = new ProcessBuilder(
                        "bash", "-n", ROOT.resolve("docker/cds-training.sh").toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes());

        assertEquals(0, check.waitFor(), output);
    }
}
