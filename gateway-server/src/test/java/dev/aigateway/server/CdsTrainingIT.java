package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's AppCDS step outside Docker: docker/cds-training.sh makes an archive from the packaged
 * jar with this JVM, and a gateway started with it serves.
 */
class CdsTrainingIT {
    @TempDir
    Path directory;

    @Test
    void theTrainingScriptMakesAnArchiveTheGatewayStartsWith() throws Exception {
        Path jar = GatewayProcess.jar();
        Path archive = directory.resolve("gateway.jsa");
        ProcessBuilder training = new ProcessBuilder(
                        "bash",
                        Path.of("..", "docker", "cds-training.sh").toString(),
                        jar.toString(),
                        archive.toString())
                .redirectErrorStream(true);
        training.environment()
                .put(
                        "PATH",
                        Path.of(System.getProperty("java.home"), "bin") + ":"
                                + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        training.environment().put("CDS_TRAINING_PORT", Integer.toString(freePort()));
        Process process = training.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(process.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("HTTP/1.1 200 OK"), "the probes answered:\n" + output);
        assertTrue(output.contains("HTTP/1.1 502 Bad Gateway"), "the chat completions went round:\n" + output);
        assertTrue(Files.size(archive) > 1_000_000, "an archive of the loaded classes");

        // -Xshare:on fails the start when the archive cannot be used, where the default just ignores it.
        try (GatewayProcess gateway = GatewayProcess.start(
                directory.resolve("archived.log"),
                Map.of(),
                List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive),
                "--port",
                "0")) {
            gateway.awaitListening();
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(gateway.url() + "/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
        }
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
