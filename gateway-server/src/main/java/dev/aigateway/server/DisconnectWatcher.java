package dev.aigateway.server;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * Notices a client that goes away while its request is still being served, before any answer has
 * been written: the wait for an upstream's first byte, retries, fallbacks. Undertow does not read
 * from a connection while a request runs, so without this a closed client is only noticed when the
 * answer is written, after the upstream call has been paid for.
 *
 * <p>Once the request body has been read, the connection's read side is watched on its IO thread.
 * End of stream or a read error means the client is gone: the connection is closed, which cancels
 * the request's upstream work ({@link ConnectionCancellations}). Bytes of a next, pipelined request
 * are handed back to Undertow and watching stops. {@link #stop()} must be called before the answer
 * is written, so that Undertow owns the read side again when the exchange completes.
 */
final class DisconnectWatcher implements ChannelListener<ConduitStreamSourceChannel> {
    private final AbstractServerConnection connection;
    private boolean stopped; // guarded by this
    private boolean watching; // guarded by this

    private DisconnectWatcher(AbstractServerConnection connection) {
        this.connection = connection;
    }

    /** Starts watching {@code exchange}'s connection; its body must have been read whole. */
    static DisconnectWatcher start(HttpServerExchange exchange) {
        if (!(exchange.getConnection() instanceof AbstractServerConnection connection)) {
            return new DisconnectWatcher(null);
        }
        DisconnectWatcher watcher = new DisconnectWatcher(connection);
        try {
            exchange.getIoThread().execute(watcher::begin);
        } catch (RejectedExecutionException e) {
            // the server is stopping; a write will notice a closed client
        }
        return watcher;
    }

    /** Stops watching; once it returns, the watcher no longer reads from the connection. */
    synchronized void stop() {
        stopped = true;
        if (watching) {
            watching = false;
            ConduitStreamSourceChannel source = connection.getChannel().getSourceChannel();
            source.suspendReads();
            source.getReadSetter().set(null);
        }
    }

    /** Runs on the IO thread, after the body reader has let go of the connection. */
    private synchronized void begin() {
        if (stopped || connection.getExtraBytes() != null || !connection.isOpen()) {
            return; // answered already, or a pipelined request is waiting: leave the connection alone
        }
        ConduitStreamSourceChannel source = connection.getChannel().getSourceChannel();
        // The request's conduit only reports the end of its body; read the connection itself.
        source.setConduit(connection.getOriginalSourceConduit());
        source.getReadSetter().set(this);
        source.resumeReads();
        watching = true;
    }

    @Override
    public void handleEvent(ConduitStreamSourceChannel source) {
        boolean gone;
        synchronized (this) {
            if (!watching) {
                return;
            }
            gone = readOnce(source);
        }
        if (gone) {
            IoUtils.safeClose(connection);
        }
    }

    /** Reads what arrived; true when the client has closed its side of the connection. */
    private boolean readOnce(ConduitStreamSourceChannel source) {
        PooledByteBuffer pooled = connection.getByteBufferPool().allocate();
        try {
            int read = source.read(pooled.getBuffer());
            if (read == 0) {
                return false;
            }
            stop();
            if (read < 0) {
                return true;
            }
            pooled.getBuffer().flip();
            connection.setExtraBytes(pooled); // the next pipelined request, for Undertow to parse
            pooled = null;
            return false;
        } catch (IOException e) {
            stop();
            return true;
        } finally {
            if (pooled != null) {
                pooled.close();
            }
        }
    }
}
