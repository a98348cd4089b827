package dev.aigateway.server;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects, while open, what the process prints to standard error (Undertow has printed stack
 * traces there itself) and every log record at WARNING or above, or carrying an exception.
 */
final class CapturedErrors implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final List<String> records = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue() || record.getThrown() != null) {
                records.add(record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage()
                        + (record.getThrown() != null ? " " + record.getThrown() : ""));
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    CapturedErrors() {
        root.getHandlers(); // the console handler, if any, is made now and keeps the real stream
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
    }

    /** What was printed to standard error and logged, one entry a line. */
    String text() {
        return printed.toString(StandardCharsets.UTF_8) + String.join("\n", records);
    }

    @Override
    public void close() {
        System.setErr(original);
        root.removeHandler(handler);
        original.print(printed.toString(StandardCharsets.UTF_8));
    }
}
