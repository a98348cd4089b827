package dev.aigateway.server.logging;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lines on standard output. A request thread only queues its line; a daemon thread writes the
 * queued lines every {@value #FLUSH_MILLIS} ms (and at exit), so a line per request costs no lock,
 * no encoding and no system call on the request's thread. Lines are encoded with {@link
 * String#getBytes}, whose ASCII path is a copy, rather than through a {@code Writer}'s encoder,
 * which took most of the writing thread's time. Lines are never dropped: when more than
 * {@value #MAX_WAITING} wait, the thread that adds one writes them itself.
 */
final class StdoutLines {
    static final long FLUSH_MILLIS = 100;
    static final int MAX_WAITING = 65_536;
    static final StdoutLines INSTANCE = new StdoutLines(new FileOutputStream(FileDescriptor.out));

    private final OutputStream out; // guarded by this
    private final ConcurrentLinkedQueue<String> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final AtomicBoolean writerStarted = new AtomicBoolean();

    StdoutLines(OutputStream out) {
        this.out = new BufferedOutputStream(out, 64 * 1024);
    }

    void println(String line) {
        waiting.add(line);
        if (waitingCount.incrementAndGet() > MAX_WAITING) {
            flush(); // the writing thread fell behind: hold no more than this in memory
        }
        if (!writerStarted.get() && writerStarted.compareAndSet(false, true)) {
            startWriter();
        }
    }

    /** Writes the lines queued so far. */
    synchronized void flush() {
        int written = 0;
        try {
            for (String line = waiting.poll(); line != null; line = waiting.poll()) {
                written++;
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
            if (written > 0) {
                out.flush();
            }
        } catch (IOException e) {
            // standard output is closed: nothing to tell it to
        } finally {
            waitingCount.addAndGet(-written); // once, not once a line: request threads count on it too
        }
    }

    private void startWriter() {
        Thread writer = new Thread(
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
        writer.setDaemon(true);
        writer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::flush, "access-log-final-flush"));
    }
}
