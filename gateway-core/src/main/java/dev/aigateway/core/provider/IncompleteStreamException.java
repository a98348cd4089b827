package dev.aigateway.core.provider;

import java.io.IOException;

/** An upstream stream that ended, or reported an error, before the answer was complete. */
public final class IncompleteStreamException extends IOException {
    public IncompleteStreamException(String message) {
        super(message);
    }
}
