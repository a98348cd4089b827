package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's limits and timeouts from flags and the environment, and that they reach the server. */
class ServerOptionsTest {
    @Test
    void defaultsAreTheServersDefaults() {
        ServerOptions defaults = Main.options(new String[0], Map.of());

        assertEquals(GatewayServer.DEFAULT_MAX_BODY_BYTES, defaults.maxBodyBytes());
        assertEquals(10_000, defaults.maxConnections());
        assertEquals(64 * 1024, defaults.maxHeaderBytes());
        assertEquals(30_000, defaults.requestParseTimeoutMs());
        assertEquals(75_000, defaults.noRequestTimeoutMs());
        assertEquals(60_000, defaults.requestBodyTimeoutMs());
        assertEquals(900_000, defaults.idleTimeoutMs());
        assertTrue(
                Duration.ofMillis(defaults.idleTimeoutMs()).compareTo(Duration.ofMinutes(10)) > 0,
                "the idle timeout outlasts the upstream stall guard, so silent streams are cut by that guard first");
    }

    @Test
    void flagsAndEnvironmentSetEveryLimitAndFlagsWin() {
        Map<String, String> env = Map.of(
                "GATEWAY_MAX_CONNECTIONS", "500",
                "GATEWAY_MAX_HEADER_BYTES", "16384",
                "GATEWAY_REQUEST_PARSE_TIMEOUT_MS", "1000",
                "GATEWAY_NO_REQUEST_TIMEOUT_MS", "2000",
                "GATEWAY_REQUEST_BODY_TIMEOUT_MS", "2500",
                "GATEWAY_IDLE_TIMEOUT_MS", "3000");
        ServerOptions fromEnv = Main.options(new String[0], env);
        ServerOptions flags = Main.options(
                new String[] {
                    "--max-connections",
                    "7",
                    "--max-header-bytes=4096",
                    "--request-parse-timeout-ms",
                    "0",
                    "--no-request-timeout-ms",
                    "5",
                    "--request-body-timeout-ms",
                    "8",
                    "--idle-timeout-ms",
                    "6"
                },
                env);

        assertEquals(500, fromEnv.maxConnections());
        assertEquals(16384, fromEnv.maxHeaderBytes());
        assertEquals(1000, fromEnv.requestParseTimeoutMs());
        assertEquals(2000, fromEnv.noRequestTimeoutMs());
        assertEquals(2500, fromEnv.requestBodyTimeoutMs());
        assertEquals(3000, fromEnv.idleTimeoutMs());
        assertEquals(7, flags.maxConnections());
        assertEquals(4096, flags.maxHeaderBytes());
        assertEquals(0, flags.requestParseTimeoutMs());
        assertEquals(5, flags.noRequestTimeoutMs());
        assertEquals(8, flags.requestBodyTimeoutMs());
        assertEquals(6, flags.idleTimeoutMs());
    }

    @Test
    void badValuesAreRefusedWithTheOptionsName() {
        assertEquals(
                "--max-connections must be between 1 and 2147483647, got 0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Main.options(new String[] {"--max-connections", "0"}, Map.of()))
                        .getMessage());
        assertEquals(
                "GATEWAY_IDLE_TIMEOUT_MS must be a whole number, got '15m'",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Main.options(new String[0], Map.of("GATEWAY_IDLE_TIMEOUT_MS", "15m")))
                        .getMessage());
        assertEquals(
                "--max-header-bytes must be between 1024 and 16777216, got 10",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Main.options(new String[] {"--max-header-bytes", "10"}, Map.of()))
                        .getMessage());
        assertEquals(
                "unknown option --max-conections",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Main.options(new String[] {"--max-conections", "1"}, Map.of()))
                        .getMessage());
    }

    @Test
    void theUsageNamesEveryOption() {
        for (String option : new String[] {
            "--max-connections",
            "--max-header-bytes",
            "--request-parse-timeout-ms",
            "--no-request-timeout-ms",
            "--request-body-timeout-ms",
            "--idle-timeout-ms",
            "GATEWAY_MAX_CONNECTIONS",
            "GATEWAY_IDLE_TIMEOUT_MS"
        }) {
            assertTrue(ServerOptions.USAGE.contains(option), option);
        }
    }

    @Test
    void theCommandLineReachesTheServer() throws Exception {
        ServerOptions options = Main.options(
                new String[] {"--port", "0", "--no-request-timeout-ms", "300", "--max-header-bytes", "2048"}, Map.of());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (GatewayServer server = Main.serve(options, new PrintStream(printed, true, StandardCharsets.UTF_8));
                RawHttp idle = new RawHttp(server.port());
                RawHttp large = new RawHttp(server.port())) {
            String bigHeader = "GET / HTTP/1.1\r\nHost: localhost\r\nx-pad: " + "p".repeat(3000) + "\r\n\r\n";

            assertEquals(400, large.send(bigHeader).response().status());
            assertTrue(idle.closedWithin(RawHttp.READ_BOUND));
        }
    }
}
