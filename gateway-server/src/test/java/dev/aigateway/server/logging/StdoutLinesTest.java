package dev.aigateway.server.logging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
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
    void linesAreUtf8WhateverTheirLength() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdoutLines lines = new StdoutLines(out);
        String[] texts = {
            "plain ascii", "café ☕ \uD834\uDD1E", "lone \uD800 surrogate", "", "a".repeat(200_000), "é".repeat(70_000)
        };
        for (String text : texts) {
            lines.println(lines.newLine().append(text));
        }
        lines.println("a String");
        lines.flush();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (String text : texts) {
            expected.writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8));
        }
        expected.writeBytes("a String\n".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(expected.toByteArray(), out.toByteArray());
    }

    @Test
    void aWrittenLinesBuilderComesBackEmptyForTheNextLine() {
        StdoutLines lines = new StdoutLines(new ByteArrayOutputStream());
        StringBuilder first = lines.newLine().append("one");
        lines.println(first);
        assertNotSame(first, lines.newLine(), "not before it is written");
        lines.flush();

        StringBuilder next = lines.newLine();
        assertSame(first, next);
        assertEquals(0, next.length());
        StringBuilder grown = lines.newLine().append("x".repeat(10_000));
        lines.println(grown);
        lines.flush();
        assertNotSame(grown, lines.newLine(), "a builder grown large is let go");
    }

    @Test
    void noMoreThanTheSpareLimitOfBuildersIsKept() {
        StdoutLines lines = new StdoutLines(new ByteArrayOutputStream());
        List<StringBuilder> built = new ArrayList<>();
        for (int i = 0; i < StdoutLines.MAX_SPARE + 10; i++) {
            StringBuilder line = lines.newLine().append(i);
            built.add(line);
            lines.println(line);
        }
        lines.flush();
        Set<StringBuilder> reused = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < StdoutLines.MAX_SPARE + 10; i++) {
            reused.add(lines.newLine());
        }
        long kept = built.stream().filter(reused::contains).count();
        assertEquals(StdoutLines.MAX_SPARE, kept);
    }

    @Test
    void onceExitingEachLineIsWrittenAsItComes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdoutLines lines = new StdoutLines(out);
        lines.println("before");
        lines.exit();
        assertEquals("before\n", out.toString(StandardCharsets.UTF_8));
        lines.println(lines.newLine().append("during the server's shutdown"));
        assertEquals("before\nduring the server's shutdown\n", out.toString(StandardCharsets.UTF_8));
    }
}
