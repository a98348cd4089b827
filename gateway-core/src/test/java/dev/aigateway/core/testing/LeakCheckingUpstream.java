package dev.aigateway.core.testing;

import dev.aigateway.core.http.Headers;
import dev.aigateway.core.upstream.OkHttpUpstreamClient;
import dev.aigateway.core.upstream.UpstreamClient;
import dev.aigateway.core.upstream.UpstreamRequest;
import dev.aigateway.core.upstream.UpstreamResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real OkHttp upstream client, counting open upstream responses and recording every request,
 * so tests can assert that nothing was left open and what was sent.
 */
public final class LeakCheckingUpstream implements UpstreamClient {
    private final UpstreamClient delegate = OkHttpUpstreamClient.create();
    private final AtomicInteger open = new AtomicInteger();
    private final List<UpstreamRequest> requests = new ArrayList<>();

    @Override
    public UpstreamResponse execute(UpstreamRequest request) throws IOException {
        synchronized (requests) {
            requests.add(request);
        }
        UpstreamResponse response = delegate.execute(request);
        open.incrementAndGet();
        return new Tracked(response);
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** Responses not closed yet. */
    public int openResponses() {
        return open.get();
    }

    public List<UpstreamRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private final class Tracked implements UpstreamResponse {
        private final UpstreamResponse delegate;
        private boolean closed;

        Tracked(UpstreamResponse delegate) {
            this.delegate = delegate;
        }

        @Override
        public int status() {
            return delegate.status();
        }

        @Override
        public Headers headers() {
            return delegate.headers();
        }

        @Override
        public boolean isOpenStream() {
            return delegate.isOpenStream();
        }

        @Override
        public byte[] bytes() {
            return delegate.bytes();
        }

        @Override
        public InputStream stream() {
            return delegate.stream();
        }

        @Override
        public void answerBegan() {
            delegate.answerBegan();
        }

        @Override
        public void eventArrived() {
            delegate.eventArrived();
        }

        @Override
        public void cancel() {
            delegate.cancel();
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                open.decrementAndGet();
            }
            delegate.close();
        }
    }
}
