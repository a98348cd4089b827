package dev.aigateway.core.upstream;

import dev.aigateway.core.Cancellation;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.http.RawBody;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One HTTP request to a provider.
 *
 * @param body the bytes sent (JSON); ignored when {@code rawBody} is present; an empty array sends
 *     no body on methods that take none ({@code GET}, {@code DELETE})
 * @param timeoutMillis the per-attempt deadline: until the whole body has arrived, or for a stream
 *     until its answer begins ({@link UpstreamResponse#answerBegan()})
 * @param stream whether a 2xx body should be left open for reading as a stream (events or bytes)
 * @param cancellation cancels the call when the caller goes away
 * @param idleTimeoutMillis for a stream that has begun: the longest wait for its next event, or
 *     for the next bytes of a byte answer ({@link UpstreamResponse#eventArrived()})
 * @param method the HTTP method
 * @param rawBody a body sent as it is, read from its source for each attempt
 */
public record UpstreamRequest(
        String url,
        Headers headers,
        byte[] body,
        OptionalLong timeoutMillis,
        boolean stream,
        Cancellation cancellation,
        OptionalLong idleTimeoutMillis,
        String method,
        Optional<RawBody> rawBody) {

    /** A {@code POST} of {@code body}, without an idle timeout. */
    public UpstreamRequest(
            String url,
            Headers headers,
            byte[] body,
            OptionalLong timeoutMillis,
            boolean stream,
            Cancellation cancellation) {
        this(url, headers, body, timeoutMillis, stream, cancellation, OptionalLong.empty(), "POST", Optional.empty());
    }

    /** Leaves the query string out: it may hold credentials. */
    @Override
    public String toString() {
        int query = url.indexOf('?');
        return "UpstreamRequest[" + method + " " + (query < 0 ? url : url.substring(0, query)) + "]";
    }
}
