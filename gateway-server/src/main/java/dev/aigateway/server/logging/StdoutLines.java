package dev.aigateway.server.logging;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lines on standard output. A request thread only queues its line; a daemon thread encodes the
 * queued lines to UTF-8 and writes them every {@value #FLUSH_MILLIS} ms (and at exit), so a line
 * per request costs no lock, no system call and no copy on the request's thread. The builders of
 * {@link #newLine()} come back for reuse once written (at most {@value #MAX_SPARE} wait), so at
 * steady state the access log allocates nothing per line. Lines are never dropped: when more than
 * {@value #MAX_WAITING} wait, or once the process is exiting, the thread that adds one writes them
 * itself.
 */
final class StdoutLines {
    static final long FLUSH_MILLIS = 100;
    static final int MAX_WAITING = 65_536;
    static final int MAX_SPARE = 1_024;
    private static final int LINE_CAPACITY = 512;
    private static final int MAX_SPARE_CAPACITY = 4_096; // a builder grown past this is let go
    static final StdoutLines INSTANCE = new StdoutLines(new FileOutputStream(FileDescriptor.out));

    private final OutputStream out; // guarded by this
    private final byte[] buffer = new byte[64 * 1024]; // guarded by this
    private int buffered; // guarded by this
    private final ConcurrentLinkedQueue<CharSequence> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final ConcurrentLinkedQueue<StringBuilder> spare = new ConcurrentLinkedQueue<>();
    private final AtomicInteger spareCount = new AtomicInteger();
    private final AtomicBoolean writerStarted = new AtomicBoolean();
    private volatile boolean exiting;

    StdoutLines(OutputStream out) {
        this.out = out;
    }

    /** An empty builder for a line, one written before when there is one. */
    StringBuilder newLine() {
        StringBuilder line = spare.poll();
        if (line == null) {
            return new StringBuilder(LINE_CAPACITY);
        }
        spareCount.decrementAndGet();
        return line;
    }

    /**
     * Queues {@code line}, which belongs to this from now on: the caller must not change it. A
     * {@link StringBuilder} is reused for a later {@link #newLine()} once written.
     */
    void println(CharSequence line) {
        waiting.add(line);
        if (waitingCount.incrementAndGet() > MAX_WAITING || exiting) {
            flush(); // the writing thread fell behind, or the process is exiting: do not wait for it
        }
        if (!writerStarted.get() && writerStarted.compareAndSet(false, true)) {
            startWriter();
        }
    }

    /** Writes the lines queued so far. */
    synchronized void flush() {
        int written = 0;
        try {
            for (CharSequence line = waiting.poll(); line != null; line = waiting.poll()) {
                written++;
                write(line);
                if (line instanceof StringBuilder builder) {
                    giveBack(builder);
                }
            }
            if (written > 0) {
                drain();
                out.flush();
            }
        } catch (IOException e) {
            buffered = 0; // standard output is closed: nothing to tell it to
        } finally {
            waitingCount.addAndGet(-written); // once, not once a line: request threads count on it too
        }
    }

    /** {@code line} and a line feed in UTF-8, into the buffer: a plain copy when it is ASCII, as access lines are. */
    private void write(CharSequence line) throws IOException {
        int length = line.length();
        if (length + 1 > buffer.length - buffered) {
            drain();
        }
        if (length + 1 <= buffer.length) {
            int at = buffered;
            int i = 0;
            for (; i < length; i++) {
                char c = line.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                buffer[at + i] = (byte) c;
            }
            if (i == length) {
                buffer[at + length] = '\n';
                buffered = at + length + 1;
                return;
            }
        }
        drain(); // not ASCII, or longer than the buffer: encoded whole
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void drain() throws IOException {
        if (buffered > 0) {
            int length = buffered;
            buffered = 0;
            out.write(buffer, 0, length);
        }
    }

    private void giveBack(StringBuilder builder) {
        if (builder.capacity() <= MAX_SPARE_CAPACITY && spareCount.get() < MAX_SPARE) {
            builder.setLength(0);
            spareCount.incrementAndGet();
            spare.add(builder);
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
        Runtime.getRuntime().addShutdownHook(new Thread(this::exit, "access-log-final-flush"));
    }

    /**
     * Writes what waits, and every later line at once: the server's own shutdown, which runs beside
     * this, still logs the calls it lets finish.
     */
    void exit() {
        exiting = true;
        flush();
    }
}
