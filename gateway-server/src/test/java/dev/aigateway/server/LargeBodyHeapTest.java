package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 MiB upload and a 200 MiB download through the gateway in a JVM whose whole heap is 48 MiB
 * ({@link LargeBodyProbe}): they can only pass if neither body is ever held whole, and the upstream
 * and the client each check the size and checksum of what they got.
 */
class LargeBodyHeapTest {
    private static final int MIB = 200;
    private static final String HEAP = "-Xmx48m";

    @Test
    void twoHundredMegabytesGoEachWayThroughAFortyEightMegabyteHeap(@TempDir Path spool) throws Exception {
        String javaBinary =
                Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(List.of(
                        javaBinary,
                        HEAP,
                        "-cp",
                        System.getProperty("java.class.path"),
                        LargeBodyProbe.class.getName(),
                        Integer.toString(MIB),
                        spool.resolve("bodies").toString()))
                .redirectErrorStream(true)
                .redirectOutput(spool.resolve("probe.log").toFile())
                .start();
        boolean ended = probe.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            probe.destroyForcibly();
        }
        String log = Files.readString(spool.resolve("probe.log"), StandardCharsets.UTF_8);

        assertTrue(ended, "the probe did not finish: " + log);
        assertEquals(0, probe.exitValue(), log);
        assertTrue(log.contains("OK " + ((long) MIB << 20) + " bytes each way"), log);
        try (var left = Files.list(spool.resolve("bodies"))) {
            assertEquals(0, left.count(), "a spool file was left");
        }
    }
}
