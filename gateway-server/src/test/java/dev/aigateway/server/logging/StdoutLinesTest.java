package dev.aigateway.server.logging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StdoutLinesTest {
    @Test
    void everyLineIsWrittenOnceInEachThreadsOrder() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdoutLines lines = new StdoutLines(out);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    lines.println(thread + ":" + i);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        lines.flush();

        String[] written = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(80_000, written.length);
        int[] next = new int[4];
        for (String line : written) {
            int thread = line.charAt(0) - '0';
            assertEquals(thread + ":" + next[thread], line);
            next[thread]++;
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("\n"));
    }

    @Test
    void linesAreUtf8AndCopiedBeforePrintlnReturns() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdoutLines lines = new StdoutLines(out);
        StringBuilder reused = new StringBuilder();
        String[] texts = {"plain ascii", "café ☕ \uD834\uDD1E", "lone \uD800 surrogate", ""};
        for (String text : texts) {
            reused.setLength(0);
            lines.println(reused.append(text));
        }
        reused.setLength(0);
        reused.append("changed after println");
        lines.flush();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (String text : texts) {
            expected.writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertArrayEquals(expected.toByteArray(), out.toByteArray());
    }
}
