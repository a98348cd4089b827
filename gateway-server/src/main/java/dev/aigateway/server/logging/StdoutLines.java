package dev.aigateway.server.logging;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Lines on standard output, written to a buffer and flushed every {@value #FLUSH_MILLIS} ms by a
 * daemon thread (and at exit), so that a line per request costs no system call of its own.
 */
final class StdoutLines {
    static final long FLUSH_MILLIS = 100;
    static final StdoutLines INSTANCE =
            new StdoutLines(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));

    private final Writer out;
    private boolean dirty; // guarded by this
    private boolean flusherStarted; // guarded by this

    StdoutLines(Writer out) {
        this.out = new BufferedWriter(out, 64 * 1024);
    }

    synchronized void println(String line) {
        try {
            out.write(line);
            out.write('\n');
            dirty = true;
        } catch (IOException e) {
            // standard output is closed: nothing to tell it to
        }
        if (!flusherStarted) {
            flusherStarted = true;
            startFlusher();
        }
    }

    synchronized void flush() {
        if (dirty) {
            dirty = false;
            try {
                out.flush();
            } catch (IOException e) {
                // as above
            }
        }
    }

    private void startFlusher() {
        Thread flusher = new Thread(
                () -> {
                    while (true) {
                        try {
                            Thread.sleep(FLUSH_MILLIS);
                        } catch (InterruptedException e) {
                            flush();
                            return;
                        }
                        flush();
                    }
                },
                "access-log-flush");
        flusher.setDaemon(true);
        flusher.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::flush, "access-log-final-flush"));
    }
}
