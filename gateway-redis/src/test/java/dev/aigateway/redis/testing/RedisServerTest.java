package dev.aigateway.redis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisServerTest {
    @Test
    void startsAnswersStopsAndRestartsOnTheSamePort() throws IOException {
        try (RedisServer redis = RedisServer.start()) {
            assertEquals("redis://127.0.0.1:" + redis.port(), redis.url());
            assertEquals("+PONG", command(redis.port(), "PING"));
            assertEquals("$-1", command(redis.port(), "GET never-set"), "empty");

            command(redis.port(), "SET k v");
            redis.stop();
            assertFalse(redis.isRunning());
            assertThrows(ConnectException.class, () -> command(redis.port(), "PING"));

            redis.restart();
            assertTrue(redis.isRunning());
            assertEquals("$-1", command(redis.port(), "GET k"), "nothing persisted across the restart");
        }
    }

    @Test
    void aFrozenServerAcceptsButDoesNotAnswer() throws IOException {
        try (RedisServer redis = RedisServer.start()) {
            redis.freeze();
            assertThrows(SocketTimeoutException.class, () -> command(redis.port(), "PING"));
            redis.thaw();
            assertEquals("+PONG", command(redis.port(), "PING"));
        }
    }

    @Test
    void extraDirectivesReachTheServer() throws IOException {
        try (RedisServer redis = RedisServer.startRequiringPassword("pw")) {
            assertTrue(command(redis.port(), "GET k").startsWith("-NOAUTH"));
        }
    }

    @Test
    void closeStopsTheServer() {
        RedisServer redis = RedisServer.start();
        redis.close();
        assertFalse(redis.isRunning());
        assertThrows(ConnectException.class, () -> command(redis.port(), "PING"));
    }

    @Test
    void findsTheBinaryOnThePathOrByTheEnvironment(@TempDir Path directory) throws IOException {
        Path binary = Files.createFile(directory.resolve("redis-server"));
        binary.toFile().setExecutable(true);

        assertEquals(binary, RedisServer.binary(Map.of("PATH", "/nonexistent:" + directory), List.of()));
        assertEquals(binary, RedisServer.binary(Map.of("REDIS_SERVER", binary.toString()), List.of()));
        assertEquals(binary, RedisServer.binary(Map.of(), List.of(directory.toString())));
    }

    @Test
    void aMissingBinarySaysHowToInstallIt(@TempDir Path empty) {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> RedisServer.binary(Map.of("PATH", empty.toString()), List.of(empty.toString())));
        assertTrue(e.getMessage().contains("sudo apt-get install redis-server"), e::getMessage);
        assertTrue(e.getMessage().contains(".ci/run"), e::getMessage);
    }

    /** Sends one inline command and returns the first line of the answer. */
    private static String command(int port, String command) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(300);
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\r' && c != -1; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        }
    }
}
