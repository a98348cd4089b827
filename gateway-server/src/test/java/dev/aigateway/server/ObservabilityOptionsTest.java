package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.server.observability.AccessLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObservabilityOptionsTest {
    @Test
    void defaultsAreJsonLogsAndMetricsWithTheConsoleClosed() {
        ObservabilityOptions o = ServerOptions.parse(new String[0], Map.of()).observability();
        assertEquals(ObservabilityOptions.DEFAULTS, o);
        assertEquals(AccessLog.Format.JSON, o.logFormat());
        assertTrue(o.metrics());
        assertFalse(o.quiet());
        assertEquals(Optional.empty(), o.adminToken());
    }

    @Test
    void switchesTakeNoValueAndFlagsBeatTheEnvironment() {
        ServerOptions options = ServerOptions.parse(
                new String[] {"--quiet", "--port", "9000", "--log-format", "text", "--log-bodies"},
                Map.of("GATEWAY_METRICS", "false", "GATEWAY_LOG_FORMAT", "json"));
        assertEquals(9000, options.port());
        assertTrue(options.observability().quiet());
        assertTrue(options.observability().logBodies());
        assertFalse(options.observability().metrics());
        assertEquals(AccessLog.Format.TEXT, options.observability().logFormat());
        assertFalse(ServerOptions.parse(new String[] {"--quiet=false"}, Map.of("GATEWAY_QUIET", "true"))
                .observability()
                .quiet());
    }

    @Test
    void badValuesAreClearAndTheTokenIsNeverQuoted() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ServerOptions.parse(new String[] {"--log-format", "xml"}, Map.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> ServerOptions.parse(new String[] {"--metrics", "maybe"}, Map.of()));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ServerOptions.parse(new String[0], Map.of("GATEWAY_ADMIN_TOKEN", "short-secret")));
        assertTrue(e.getMessage().contains("at least 16"), e.getMessage());
        assertFalse(e.getMessage().contains("short-secret"));
        ServerOptions options =
                ServerOptions.parse(new String[] {"--admin-token", "a-long-enough-admin-token"}, Map.of());
        assertFalse(options.toString().contains("a-long-enough-admin-token"), "not even in toString");
    }

    @Test
    void theConfigFileSetsThemToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, "server:\n  quiet: true\n  log_format: text\n  admin_token: ${ADMIN}\n");
        ObservabilityOptions o = ServerOptions.parse(
                        new String[] {"--config", file.toString()}, Map.of("ADMIN", "from-the-environment-0123"))
                .observability();
        assertTrue(o.quiet());
        assertEquals(AccessLog.Format.TEXT, o.logFormat());
        assertEquals(Optional.of("from-the-environment-0123"), o.adminToken());
    }
}
