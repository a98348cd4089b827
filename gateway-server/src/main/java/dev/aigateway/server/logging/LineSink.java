package dev.aigateway.server.logging;

/**
 * Takes a line of text as it is, without a String made of it: the server's access log hands the
 * builder of each line straight to standard output's queue through this.
 */
@FunctionalInterface
public interface LineSink {
    /** Takes {@code line}; it is copied before this returns, so the caller may reuse it. */
    void println(CharSequence line);
}
