package dev.aigateway.core.provider.translate;

import dev.aigateway.core.provider.IncompleteStreamException;
import dev.aigateway.core.provider.StreamTransform;
import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.SseEvent;
import java.io.IOException;

/**
 * A provider's chat stream turned into another API's events: the chat stream transform writes
 * chat chunks into a {@link ChatChunkReader}, which hands their pieces to the API's
 * {@link ChatStreamWriter}. A stream the chat transform reports as cut gets the API's own error
 * event (with the ids and sequence it needs) before the cut is passed on, so the gateway adds no
 * generic one. One instance per stream.
 */
final class TranslatedStream implements StreamTransform {
    private final StreamTransform chat;
    private final ChatStreamWriter writer;
    private final String providerId;
    private ChatChunkReader reader;

    TranslatedStream(StreamTransform chat, ChatStreamWriter writer, String providerId) {
        this.chat = chat;
        this.writer = writer;
        this.providerId = providerId;
    }

    @Override
    public void onEvent(SseEvent event, ChunkSink out) throws IOException {
        try {
            chat.onEvent(event, reader(out));
        } catch (IncompleteStreamException e) {
            failOnce(e, out);
            throw e;
        }
    }

    @Override
    public void onEnd(ChunkSink out) throws IOException {
        try {
            chat.onEnd(reader(out));
        } catch (IncompleteStreamException e) {
            failOnce(e, out);
            throw e;
        }
        if (!writer.failed()) {
            writer.end(out);
        }
    }

    private ChatChunkReader reader(ChunkSink out) {
        if (reader == null) {
            reader = new ChatChunkReader(writer);
        }
        return reader.to(out);
    }

    private void failOnce(IncompleteStreamException e, ChunkSink out) throws IOException {
        if (!writer.failed()) {
            writer.fail("The " + providerId + " stream ended early: " + e.getMessage(), out);
        }
    }
}
