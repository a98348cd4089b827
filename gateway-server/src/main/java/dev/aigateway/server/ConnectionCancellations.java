package dev.aigateway.server;

import dev.aigateway.core.Cancellation;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cancels the upstream work of every request still running on a connection when the client closes
 * it. One close listener per connection (not per request), so long keep-alive connections do not
 * collect listeners.
 */
final class ConnectionCancellations {
    private static final AttachmentKey<ConnectionCancellations> KEY =
            AttachmentKey.create(ConnectionCancellations.class);

    private final Set<Cancellation> running = ConcurrentHashMap.newKeySet();

    private ConnectionCancellations() {}

    /** A cancellation for this exchange, triggered if its connection closes before it completes. */
    static Cancellation register(HttpServerExchange exchange) {
        ServerConnection connection = exchange.getConnection();
        ConnectionCancellations holder;
        synchronized (connection) {
            holder = connection.getAttachment(KEY);
            if (holder == null) {
                ConnectionCancellations created = new ConnectionCancellations();
                connection.putAttachment(KEY, created);
                connection.addCloseListener(closed -> created.cancelAll());
                holder = created;
            }
        }
        Cancellation cancellation = new Cancellation();
        ConnectionCancellations owner = holder;
        owner.running.add(cancellation);
        exchange.addExchangeCompleteListener((done, next) -> {
            owner.running.remove(cancellation);
            next.proceed();
        });
        return cancellation;
    }

    private void cancelAll() {
        running.forEach(Cancellation::cancel);
        running.clear();
    }
}
