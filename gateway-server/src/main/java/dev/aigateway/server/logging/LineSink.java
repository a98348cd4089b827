package dev.aigateway.server.logging;

/**
 * Takes lines of text as they are built, without a String made of each: the server's access log
 * builds each line in a builder from {@link #newLine()} and hands it straight to standard output's
 * queue, which gives the builder back for a later line once written.
 */
@FunctionalInterface
public interface LineSink {
    /** An empty builder for a line. */
    default StringBuilder newLine() {
        return new StringBuilder(512);
    }

    /** Takes {@code line}, which belongs to the sink from now on: the caller must not change it. */
    void println(StringBuilder line);
}
