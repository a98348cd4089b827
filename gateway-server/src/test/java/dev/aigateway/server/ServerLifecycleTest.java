package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Gateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the server's settings come from, the warning for an open server, signals and shutdown. */
class ServerLifecycleTest {
    @TempDir
    Path directory;

    private Path file(String text) throws Exception {
        Path file = directory.resolve("gateway.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void theFileComesFirstThenTheEnvironmentThenFlags() throws Exception {
        Path file = file("server:\n  port: 1111\n  host: 127.0.0.2\n  max_body_bytes: 2048\n  drain_seconds: 7\n"
                + "redis: redis://file-redis:6379\n");

        ServerOptions fromFile = Main.options(new String[] {"--config", file.toString()}, Map.of());
        ServerOptions overridden = Main.options(
                new String[] {"--host", "127.0.0.3", "--redis", "redis://flag-redis:6379"},
                Map.of("GATEWAY_CONFIG", file.toString(), "PORT", "2222", "GATEWAY_REDIS_URL", "redis://env:6379"));

        assertEquals(1111, fromFile.port());
        assertEquals("127.0.0.2", fromFile.host());
        assertEquals(2048, fromFile.maxBodyBytes());
        assertEquals(7, fromFile.drainSeconds());
        assertEquals(Optional.of("redis://file-redis:6379"), fromFile.redisUrl());
        assertEquals(2222, overridden.port(), "the environment beats the file");
        assertEquals("127.0.0.3", overridden.host(), "flags beat the file");
        assertEquals(Optional.of("redis://flag-redis:6379"), overridden.redisUrl(), "flags beat both");
        assertEquals(2048, overridden.maxBodyBytes());
        assertTrue(overridden.configFile().isPresent());
        assertEquals(30, Main.options(new String[0], Map.of()).drainSeconds());
    }

    @Test
    void aMissingOrBadFileIsAnErrorBeforeAnythingStarts() throws Exception {
        ConfigFileException missing = assertThrows(
                ConfigFileException.class,
                () -> Main.options(
                        new String[] {"--config", directory.resolve("nope.yaml").toString()}, Map.of()));
        Path bad = file("server:\n  port: 8787\nauth:\n  keys:\n    - {name: a, key: \"${TEAM_KEY}\"}\n");
        ConfigFileException badFile = assertThrows(
                ConfigFileException.class, () -> Main.options(new String[] {"--config", bad.toString()}, Map.of()));

        assertTrue(missing.getMessage().endsWith("nope.yaml: no such file"), missing.getMessage());
        assertEquals(
                "gateway.yaml:5: auth.keys[0].key: the environment variable TEAM_KEY is not set"
                        + " (write ${TEAM_KEY:-fallback} for a fallback)",
                badFile.getMessage());
    }

    @Test
    void aServerOpenToTheNetworkWithoutKeysIsWarnedAbout() throws Exception {
        Path withKeys = file("auth:\n  keys:\n    - {name: a, key: aaaaaaaaaaaaaaaaaaaa}\n");

        assertTrue(Main.exposureWarning(Main.options(new String[] {"--host", "0.0.0.0"}, Map.of()))
                .orElseThrow()
                .startsWith("warning: listening on 0.0.0.0 without gateway API keys"));
        assertEquals(Optional.empty(), Main.exposureWarning(Main.options(new String[0], Map.of())));
        assertEquals(Optional.empty(), Main.exposureWarning(Main.options(new String[] {"--host", "::1"}, Map.of())));
        assertEquals(
                Optional.empty(),
                Main.exposureWarning(
                        Main.options(new String[] {"--host", "0.0.0.0", "--config", withKeys.toString()}, Map.of())));
    }

    @Test
    void aSignalReachesItsHandlerAndAMissingSignalIsNoError() throws Exception {
        CountDownLatch hup = new CountDownLatch(1);

        assertTrue(Signals.handle("HUP", hup::countDown));
        Process kill = new ProcessBuilder(
                        "kill", "-HUP", Long.toString(ProcessHandle.current().pid()))
                .inheritIO()
                .start();

        assertEquals(0, kill.waitFor());
        assertTrue(hup.await(10, TimeUnit.SECONDS), "the handler ran, and the JVM did not exit");
        assertFalse(Signals.handle("NOT-A-SIGNAL", () -> {}));
    }

    @Test
    void theFirstSignalDrainsAndExits0AndTheSecondEndsTheDrainNow() throws Exception {
        dev.aigateway.server.fakes.GatedStreamUpstream upstream = new dev.aigateway.server.fakes.GatedStreamUpstream();
        GatewayServer server = GatewayServer.builder()
                .port(0)
                .gateway(Gateway.builder().upstream(upstream).build())
                .build()
                .start();
        CompletableFuture<Integer> exited = new CompletableFuture<>();
        Shutdown shutdown = new Shutdown(server, Duration.ofMinutes(10), exited::complete);
        try (RawHttp client = new RawHttp(server.port())) {
            String body = "{\"model\":\"m\",\"stream\":true,\"messages\":[]}";
            client.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "x-portkey-config: {\"provider\":\"openai\",\"api_key\":\"k\"}\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body);
            assertTrue(upstream.awaitCall());

            shutdown.signalled();
            for (int i = 0; i < 500 && !server.draining(); i++) {
                Thread.sleep(10);
            }
            assertTrue(server.draining());
            assertFalse(exited.isDone(), "the stream in flight holds the exit");
            shutdown.signalled();

            assertEquals(0, exited.get(20, TimeUnit.SECONDS));
            assertTrue(upstream.awaitCancel(5), "the stream was ended");
        } finally {
            server.close();
        }
    }
}
