package dev.aigateway.server.logging;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lines on standard output. A request thread only queues its line, as UTF-8 bytes with the line's
 * end; a daemon thread writes the queued lines every {@value #FLUSH_MILLIS} ms (and at exit), so a
 * line per request costs no lock and no system call on the request's thread. A line is copied
 * once, from the caller's builder into its bytes, rather than into a String, then bytes, through
 * a {@code Writer}'s encoder (which took most of the writing thread's time). Lines are never
 * dropped: when more than {@value #MAX_WAITING} wait, the thread that adds one writes them itself.
 */
final class StdoutLines {
    static final long FLUSH_MILLIS = 100;
    static final int MAX_WAITING = 65_536;
    static final StdoutLines INSTANCE = new StdoutLines(new FileOutputStream(FileDescriptor.out));

    private final OutputStream out; // guarded by this
    private final ConcurrentLinkedQueue<byte[]> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final AtomicBoolean writerStarted = new AtomicBoolean();

    StdoutLines(OutputStream out) {
        this.out = new BufferedOutputStream(out, 64 * 1024);
    }

    void println(CharSequence line) {
        waiting.add(bytes(line));
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
            for (byte[] line = waiting.poll(); line != null; line = waiting.poll()) {
                written++;
                out.write(line);
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

    /** {@code line} and a line feed in UTF-8: a plain copy when it is ASCII, as access lines are. */
    static byte[] bytes(CharSequence line) {
        int length = line.length();
        byte[] bytes = new byte[length + 1];
        for (int i = 0; i < length; i++) {
            char c = line.charAt(i);
            if (c >= 0x80) {
                byte[] encoded = line.toString().getBytes(StandardCharsets.UTF_8);
                bytes = Arrays.copyOf(encoded, encoded.length + 1);
                break;
            }
            bytes[i] = (byte) c;
        }
        bytes[bytes.length - 1] = '\n';
        return bytes;
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
