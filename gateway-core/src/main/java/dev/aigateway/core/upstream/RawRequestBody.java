package dev.aigateway.core.upstream;

import dev.aigateway.core.http.RawBody;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;

/**
 * A {@link RawBody} as OkHttp sends it: read from its source each time OkHttp writes it, once per
 * attempt, in buffer-sized pieces, with its length known up front.
 */
final class RawRequestBody extends RequestBody {
    private final RawBody body;
    private final MediaType type;

    RawRequestBody(RawBody body, MediaType type) {
        this.body = body;
        this.type = type;
    }

    @Override
    public MediaType contentType() {
        return type;
    }

    @Override
    public long contentLength() {
        return body.length();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        try (InputStream in = body.open()) {
            sink.writeAll(Okio.source(in));
        }
    }
}
