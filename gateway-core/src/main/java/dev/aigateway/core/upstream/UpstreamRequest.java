package dev.aigateway.core.upstream;

import dev.aigateway.core.Cancellation;
import dev.aigateway.core.http.Headers;
import java.util.OptionalLong;

/**
 * One HTTP POST to a provider.
 *
 * @param timeoutMillis the per-attempt deadline: until the whole body has arrived, or for a stream
 *     until its answer begins ({@link UpstreamResponse#answerBegan()})
 * @param stream whether a 2xx body should be left open for reading as a stream
 * @param cancellation cancels the call when the caller goes away
 * @param idleTimeoutMillis for a stream that has begun: the longest wait for its next event
 *     ({@link UpstreamResponse#eventArrived()})
 */
public record UpstreamRequest(
        String url,
        Headers headers,
        byte[] body,
        OptionalLong timeoutMillis,
        boolean stream,
        Cancellation cancellation,
        OptionalLong idleTimeoutMillis) {

    /** A request without an idle timeout. */
    public UpstreamRequest(
            String url,
            Headers headers,
            byte[] body,
            OptionalLong timeoutMillis,
            boolean stream,
            Cancellation cancellation) {
        this(url, headers, body, timeoutMillis, stream, cancellation, OptionalLong.empty());
    }

    /** Leaves the query string out: it may hold credentials. */
    @Override
    public String toString() {
        int query = url.indexOf('?');
        return "UpstreamRequest[" + (query < 0 ? url : url.substring(0, query)) + "]";
    }
}
