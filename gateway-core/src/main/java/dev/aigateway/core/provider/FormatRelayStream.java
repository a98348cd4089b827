package dev.aigateway.core.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aigateway.core.format.EndpointFormat;
import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.SseEvent;
import java.io.IOException;

/**
 * Relays a stream that is already in the endpoint's format, event by event and unchanged (OpenAI's
 * Responses events to a Responses caller, Anthropic's events to a Messages caller). The format
 * says which event ends a complete stream and which reports a failure: a failure is written as an
 * error event, so the gateway adds no second one, and a stream that stops before its last event is
 * reported as cut. Only an event that may matter is parsed. One instance per stream.
 */
public final class FormatRelayStream implements StreamTransform {
    private final EndpointFormat format;
    private boolean ended;

    public FormatRelayStream(EndpointFormat format) {
        this.format = format;
    }

    @Override
    public void onEvent(SseEvent event, ChunkSink out) throws IOException {
        if (ended) {
            return;
        }
        if (format.reportsError(event)) {
            ended = true;
            JsonNode body = event.json();
            out.error(event.event(), body.isMissingNode() ? TextNode.valueOf(event.data()) : body);
            return;
        }
        out.event(event.event(), event.data());
        ended = format.endsStream(event);
    }

    @Override
    public void onEnd(ChunkSink out) throws IOException {
        if (!ended) {
            throw new IncompleteStreamException("the upstream stream ended before its last event");
        }
    }
}
