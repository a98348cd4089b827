package dev.aigateway.server.observability;

import dev.aigateway.server.logging.LineSink;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request, through SLF4J's logger {@value #LOGGER} at INFO: JSON (the default) or
 * text, with the route, status, durations, the targets tried with their status, the provider and
 * model that answered, tokens, cost and cache status; never a key (only its name), never a body.
 * The server's jar prints the lines on standard output; an application that embeds the gateway
 * routes the logger where its own logging goes.
 */
public final class AccessLog implements CallSink {
    /** The SLF4J logger the lines go to. */
    public static final String LOGGER = "dev.aigateway.access";

    /** How each line looks. */
    public enum Format {
        JSON,
        TEXT
    }

    private final Format format;
    private final LineSink lines;

    private AccessLog(Format format, LineSink lines) {
        this.format = format;
        this.lines = lines;
    }

    /**
     * Lines to the SLF4J logger {@value #LOGGER}. The server's own backend takes them as they are
     * made; any other gets each line as a String at INFO.
     */
    public static AccessLog slf4j(Format format) {
        Logger logger = LoggerFactory.getLogger(LOGGER);
        if (logger instanceof LineSink direct) {
            return new AccessLog(format, direct);
        }
        return new AccessLog(format, line -> {
            if (logger.isInfoEnabled()) {
                logger.info(line.toString());
            }
        });
    }

    /** Lines to {@code lines}, for tests and for other sinks. */
    public static AccessLog to(Format format, Consumer<String> lines) {
        return new AccessLog(format, line -> lines.accept(line.toString()));
    }

    @Override
    public void accept(CallRecord call) {
        // The sink's builder, not one kept per thread: on JDK 21+ each request has a virtual thread
        // of its own, which a thread-local builder would not outlive.
        StringBuilder line = lines.newLine();
        if (format == Format.JSON) {
            RecordJson.write(line, call, false);
        } else {
            text(line, call);
        }
        lines.println(line);
    }

    /** Appends {@code time trace route status duration targets provider/model tokens cost cache key}. */
    static StringBuilder text(StringBuilder line, CallRecord call) {
        Formats.time(line, call.startedAt())
                .append(' ')
                .append(call.traceId())
                .append(' ')
                .append(call.route())
                .append(' ')
                .append(call.status())
                .append(' ');
        Formats.millis(line, call.durationNanos()).append("ms");
        call.firstEventNanos()
                .ifPresent(n -> Formats.millis(line.append(" ttft="), n).append("ms"));
        line.append(" targets=");
        if (call.attempts().isEmpty()) {
            line.append('-');
        }
        for (int i = 0; i < call.attempts().size(); i++) {
            CallRecord.Attempt attempt = call.attempts().get(i);
            line.append(i == 0 ? "" : ",")
                    .append(attempt.target())
                    .append(':')
                    .append(attempt.provider())
                    .append(':')
                    .append(attempt.error().orElse(Integer.toString(attempt.status())));
        }
        line.append(" provider=").append(call.provider().orElse("-"));
        line.append(" model=").append(call.model().orElse("-"));
        line.append(" tokens=")
                .append(
                        call.usage().inputTokens().isPresent()
                                ? Long.toString(call.usage().inputTokens().getAsLong())
                                : "-")
                .append('/')
                .append(
                        call.usage().outputTokens().isPresent()
                                ? Long.toString(call.usage().outputTokens().getAsLong())
                                : "-");
        line.append(" cost=");
        if (call.cost().isPresent()) {
            Formats.dollarsPlain(line, call.cost().getAsDouble());
        } else {
            line.append("unknown");
        }
        line.append(" cache=").append(call.cacheStatus().orElse("-"));
        line.append(" fallback=").append(call.fallback());
        line.append(" retries=").append(call.retries());
        call.key().ifPresent(key -> line.append(" key=").append(key));
        call.config().ifPresent(config -> line.append(" config=").append(config));
        return line;
    }
}
