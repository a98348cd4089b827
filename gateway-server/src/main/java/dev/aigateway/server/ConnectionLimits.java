package dev.aigateway.server;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.time.Duration;
import org.xnio.Options;

/**
 * How many connections the server holds and how long it waits on each. What each setting does with
 * Undertow 2.4 and XNIO 3.8 (read in their sources, and pinned by {@code ConnectionLimitsTest}):
 *
 * <ul>
 *   <li>Connections: XNIO stops accepting at the high-water mark and starts again once a connection
 *       closes. Connections beyond it wait in the operating system's accept queue (Undertow asks for
 *       a backlog of 1000): the TCP handshake completes and the client may send its request, but
 *       nothing answers until another connection closes. When that queue is full too, connection
 *       attempts go unanswered and the client's connect times out or retries.
 *   <li>Request parse timeout: starts when part of a request line and headers has arrived, and
 *       closes the connection, without an answer, if the rest has not come in time.
 *   <li>No-request timeout: closes a connection that carries no request for that long, whether new
 *       or kept alive after an answer.
 *   <li>Request body timeout: {@link BodyStallGuard}, not XNIO's read timeout, which would also run
 *       while the server waits for the upstream (it watches the connection for a client that
 *       leaves) and so cut long answers.
 *   <li>Idle timeout: XNIO's write timeout. A write that cannot proceed for that long (a client that
 *       stops reading) closes the connection; so does the next write after a silence longer than
 *       the timeout, which is why it must exceed the longest silence of a stream. Undertow's own
 *       {@code IDLE_TIMEOUT} is not set: for HTTP/1.1 it installs a conduit whose timeout is never
 *       set, so it does nothing by itself, and otherwise only lowers the read and write timeouts.
 * </ul>
 */
final class ConnectionLimits {
    private ConnectionLimits() {}

    static void apply(
            Undertow.Builder server,
            int maxConnections,
            Duration requestParseTimeout,
            Duration noRequestTimeout,
            Duration idleTimeout) {
        server.setSocketOption(Options.CONNECTION_HIGH_WATER, maxConnections)
                .setSocketOption(Options.CONNECTION_LOW_WATER, maxConnections)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, millisOrOff(requestParseTimeout))
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, millisOrOff(noRequestTimeout));
        if (!idleTimeout.isZero()) {
            server.setSocketOption(Options.WRITE_TIMEOUT, (int) Math.max(1, idleTimeout.toMillis()));
        }
    }

    /** {@code value}, if it is zero or a positive number of milliseconds that fits in an int. */
    static Duration checked(String name, Duration value) {
        if (value.isNegative() || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be from 0 to " + Integer.MAX_VALUE + " ms, got " + value);
        }
        return value;
    }

    /** Undertow's value for a timeout: milliseconds, or -1 for none. */
    private static int millisOrOff(Duration timeout) {
        return timeout.isZero() ? -1 : (int) Math.max(1, timeout.toMillis());
    }
}
