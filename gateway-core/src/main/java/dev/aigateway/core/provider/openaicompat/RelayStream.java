package dev.aigateway.core.provider.openaicompat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.provider.IncompleteStreamException;
import dev.aigateway.core.provider.StreamTransform;
import dev.aigateway.core.provider.StreamUsage;
import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.SseEvent;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Relays an OpenAI-format stream event by event. With a provider name, each JSON chunk gets a
 * {@code provider} field (as Portkey's OpenAI-compatible transformers add), its finish reasons
 * mapped, the provider's own adjustment and its usage moved to where openai-java reads it
 * ({@link RelayedUsage}); without one the data is relayed verbatim, checked in one pass over its
 * tokens ({@link ChunkScan}). An event that is not a JSON object is never relayed: the stream is
 * reported as cut there. A stream that ends without {@code [DONE]} is complete when every choice
 * it carried finished ({@link ChoiceTracker}), and reported as incomplete otherwise.
 */
final class RelayStream implements StreamTransform {
    private final String providerField;
    private final Map<String, String> finishReasons;
    private final Optional<Consumer<ObjectNode>> adjuster;
    private final RelayedUsage usage;
    private final ChoiceTracker choices;
    private boolean done;

    private RelayStream(
            String providerField,
            Map<String, String> finishReasons,
            Optional<Consumer<ObjectNode>> adjuster,
            RelayedUsage usage,
            ChoiceTracker choices) {
        this.providerField = providerField;
        this.finishReasons = finishReasons;
        this.adjuster = adjuster;
        this.usage = usage;
        this.choices = choices;
    }

    /** The upstream's events unchanged (OpenAI and Azure, whose streams already are OpenAI's). */
    static RelayStream verbatim(ChoiceTracker choices) {
        return new RelayStream(null, Map.of(), Optional.empty(), new RelayedUsage(StreamUsage.ON_CHUNKS), choices);
    }

    static RelayStream normalising(
            String providerField,
            Map<String, String> finishReasons,
            Optional<Consumer<ObjectNode>> adjuster,
            StreamUsage usage,
            ChoiceTracker choices) {
        return new RelayStream(providerField, finishReasons, adjuster, new RelayedUsage(usage), choices);
    }

    @Override
    public void onEvent(SseEvent event, ChunkSink out) throws IOException {
        if (done) {
            return;
        }
        if (event.isDone()) {
            done = true;
            usage.beforeDone(out);
            return;
        }
        if (event.data().isBlank()) {
            return; // a keep-alive: nothing for the caller
        }
        if (providerField == null) {
            relayVerbatim(event, out);
            return;
        }
        if (!(event.json() instanceof ObjectNode object)) {
            throw malformed();
        }
        if (object.has("error")) {
            out.error(event.event(), object);
            return;
        }
        choices.saw(object);
        object.put("provider", providerField);
        OpenAiCompatibleProvider.mapFinishReasons(object.path("choices"), finishReasons);
        adjuster.ifPresent(adjust -> adjust.accept(object));
        if (usage.keep(object)) {
            out.data(object);
        }
    }

    /**
     * Passes the event on as it came, once one pass over its tokens has found it a JSON object; an
     * error report is written as one, so that the gateway adds no second error.
     */
    private void relayVerbatim(SseEvent event, ChunkSink out) throws IOException {
        switch (ChunkScan.scan(event.data(), choices)) {
            case CHUNK -> out.event(event.event(), event.data());
            case ERROR -> out.error(event.event(), event.json());
            case MALFORMED -> throw malformed();
        }
    }

    private static IncompleteStreamException malformed() {
        return new IncompleteStreamException("the upstream sent an event that is not a JSON object");
    }

    @Override
    public void onEnd(ChunkSink out) throws IOException {
        if (done) {
            return;
        }
        if (!choices.allFinished()) {
            throw new IncompleteStreamException("the upstream stream ended without [DONE]");
        }
        usage.beforeDone(out); // every choice finished: the answer is whole, [DONE] or not
    }
}
