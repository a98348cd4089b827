package dev.aigateway.core.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * ({@link RelayedUsage}); without one the data is relayed verbatim. A stream that ends without
 * {@code [DONE]} is reported as incomplete.
 */
final class RelayStream implements StreamTransform {
    private final String providerField;
    private final Map<String, String> finishReasons;
    private final Optional<Consumer<ObjectNode>> adjuster;
    private final RelayedUsage usage;
    private boolean done;

    private RelayStream(
            String providerField,
            Map<String, String> finishReasons,
            Optional<Consumer<ObjectNode>> adjuster,
            RelayedUsage usage) {
        this.providerField = providerField;
        this.finishReasons = finishReasons;
        this.adjuster = adjuster;
        this.usage = usage;
    }

    /** The upstream's events unchanged (OpenAI and Azure, whose streams already are OpenAI's). */
    static RelayStream verbatim() {
        return new RelayStream(null, Map.of(), Optional.empty(), new RelayedUsage(StreamUsage.ON_CHUNKS));
    }

    static RelayStream normalising(
            String providerField,
            Map<String, String> finishReasons,
            Optional<Consumer<ObjectNode>> adjuster,
            StreamUsage usage) {
        return new RelayStream(providerField, finishReasons, adjuster, new RelayedUsage(usage));
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
        if (providerField == null) {
            relayVerbatim(event, out);
            return;
        }
        JsonNode chunk = event.json();
        if (chunk instanceof ObjectNode object && object.has("error")) {
            out.error(event.event(), object);
        } else if (chunk instanceof ObjectNode object) {
            object.put("provider", providerField);
            OpenAiCompatibleProvider.mapFinishReasons(object.path("choices"), finishReasons);
            adjuster.ifPresent(adjust -> adjust.accept(object));
            if (usage.keep(object)) {
                out.data(object);
            }
        } else {
            out.event(event.event(), event.data());
        }
    }

    /**
     * Passes the event on as it came. Only an event that may be an error report is parsed, so that
     * it is written as one: the gateway then adds no second error when the stream ends early.
     */
    private static void relayVerbatim(SseEvent event, ChunkSink out) throws IOException {
        if (event.data().startsWith("{")
                && event.data().contains("\"error\"")
                && event.json().has("error")) {
            out.error(event.event(), event.json());
        } else {
            out.event(event.event(), event.data());
        }
    }

    @Override
    public void onEnd(ChunkSink out) throws IOException {
        if (!done) {
            throw new IncompleteStreamException("the upstream stream ended without [DONE]");
        }
    }
}
