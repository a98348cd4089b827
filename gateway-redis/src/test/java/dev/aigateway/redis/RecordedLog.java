package dev.aigateway.redis;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The records one logger publishes while open. */
final class RecordedLog extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private RecordedLog(Logger logger) {
        this.logger = logger;
    }

    static RecordedLog of(Class<?> type) {
        RecordedLog log = new RecordedLog(Logger.getLogger(type.getName()));
        log.logger.addHandler(log);
        return log;
    }

    List<String> lines() {
        return records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
