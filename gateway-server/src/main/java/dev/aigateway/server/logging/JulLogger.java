package dev.aigateway.server.logging;

import java.util.logging.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * SLF4J to java.util.logging, where the server's own lines go, as slf4j-jdk14 does but without
 * working out the caller from a stack trace for every message.
 */
final class JulLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final transient Logger logger;

    JulLogger(String name) {
        this.name = name;
        this.logger = Logger.getLogger(name);
    }

    @Override
    public boolean isTraceEnabled() {
        return logger.isLoggable(jul(Level.TRACE));
    }

    @Override
    public boolean isDebugEnabled() {
        return logger.isLoggable(jul(Level.DEBUG));
    }

    @Override
    public boolean isInfoEnabled() {
        return logger.isLoggable(jul(Level.INFO));
    }

    @Override
    public boolean isWarnEnabled() {
        return logger.isLoggable(jul(Level.WARN));
    }

    @Override
    public boolean isErrorEnabled() {
        return logger.isLoggable(jul(Level.ERROR));
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String message, Object[] arguments, Throwable throwable) {
        String text = arguments == null ? message : MessageFormatter.basicArrayFormat(message, arguments);
        logger.log(jul(level), text, throwable);
    }

    /** The java.util.logging level of an SLF4J level, one mapping for the checks and the lines. */
    private static java.util.logging.Level jul(Level level) {
        return switch (level) {
            case ERROR -> java.util.logging.Level.SEVERE;
            case WARN -> java.util.logging.Level.WARNING;
            case INFO -> java.util.logging.Level.INFO;
            case DEBUG -> java.util.logging.Level.FINE;
            case TRACE -> java.util.logging.Level.FINEST;
        };
    }
}
