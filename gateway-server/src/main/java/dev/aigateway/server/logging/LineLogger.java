package dev.aigateway.server.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logger that prints each INFO-or-higher message as it is, one line on standard output; lines
 * given as a {@link LineSink} go there without a String made of them.
 */
final class LineLogger extends LegacyAbstractLogger implements LineSink {
    private static final long serialVersionUID = 1L;

    LineLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    public StringBuilder newLine() {
        return StdoutLines.INSTANCE.newLine();
    }

    @Override
    public void println(StringBuilder line) {
        StdoutLines.INSTANCE.println(line);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String message, Object[] arguments, Throwable throwable) {
        StdoutLines.INSTANCE.println(
                arguments == null ? message : MessageFormatter.basicArrayFormat(message, arguments));
    }
}
