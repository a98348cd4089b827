package dev.aigateway.core.internal.pipeline;

import dev.aigateway.core.ByteStream;
import dev.aigateway.core.upstream.UpstreamResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An open upstream body passed through to the caller: copied in buffer-sized pieces, flushed
 * whenever the upstream has nothing more ready (so that a slow producer's bytes, a proxied event
 * stream say, reach the caller at once, and a fast one's go out in full buffers). Never held whole.
 * Not an event stream: nothing is read ahead, and the idle timeout runs between pieces.
 */
final class UpstreamBytes implements ByteStream {
    private static final int BUFFER = 16 * 1024;

    private final UpstreamResponse response;
    private final AtomicBoolean released = new AtomicBoolean();

    UpstreamBytes(UpstreamResponse response) {
        this.response = response;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        boolean complete = false;
        try {
            InputStream in = response.stream();
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = in.read(buffer)) != -1) {
                response.eventArrived(); // the idle timeout counts from the last bytes
                out.write(buffer, 0, read);
                if (in.available() == 0) {
                    out.flush();
                }
            }
            out.flush();
            complete = true;
        } finally {
            if (!complete) {
                response.cancel();
            }
            release();
        }
    }

    @Override
    public void cancel() {
        response.cancel();
        release();
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            response.close();
        }
    }
}
