package dev.aigateway.core.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.ForwardingChunkSink;
import dev.aigateway.core.stream.SseEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Output guardrails on a stream, beyond Portkey (which only changes a stream's status): the events
 * pass to the caller as they come and are kept, up to {@value #MAX_KEPT_BYTES} bytes; the end of
 * the stream (OpenAI's {@code [DONE]}, Anthropic's {@code message_stop}) is held back until the
 * after-request hooks have judged the assembled answer. A denial then ends the stream with the
 * format's error event, of type {@code hooks_failed} and carrying {@code hook_results}, instead of
 * the end. A stream that was cut or failed is not judged.
 */
final class StreamGuard extends ForwardingChunkSink {
    static final long MAX_KEPT_BYTES = 16L << 20;

    /** Judges a finished stream's answer; the {@code hook_results} of a denial, if it is one. */
    interface Judge {
        /**
         * @param answer the assembled answer; empty when it could not be assembled or was too long
         * @param complete whether the stream finished whole; a stream that did not is not judged
         */
        Optional<ObjectNode> judge(Optional<ObjectNode> answer, boolean complete);
    }

    private final Endpoint endpoint;
    private final String provider;
    private final Judge judge;
    private List<SseEvent> kept = new ArrayList<>();
    private long keptBytes;
    private boolean failed;
    private SseEvent heldMarker;
    private SseEvent heldEvent;

    StreamGuard(ChunkSink next, Endpoint endpoint, String provider, Judge judge) {
        super(next);
        this.endpoint = endpoint;
        this.provider = provider;
        this.judge = judge;
    }

    @Override
    public void event(String name, String data) throws IOException {
        SseEvent event = new SseEvent(name, data);
        if (endpoint.format().endMarker().isEmpty() && endpoint.format().endsStream(event)) {
            heldEvent = event;
            return;
        }
        keep(event);
        next.event(name, data);
    }

    @Override
    public void error(String name, JsonNode body) throws IOException {
        failed = true;
        next.error(name, body);
    }

    @Override
    public void endMarker(SseEvent marker) throws IOException {
        heldMarker = marker;
    }

    @Override
    public void finish(boolean complete) throws IOException {
        boolean whole = complete && !failed;
        Optional<ObjectNode> answer = whole && kept != null ? StreamText.assemble(endpoint, kept) : Optional.empty();
        kept = null;
        Optional<ObjectNode> denial = judge.judge(answer, whole);
        if (denial.isPresent()) {
            SseEvent template = endpoint.format().streamError(HookAnswers.MESSAGE, provider);
            next.error(template.event(), HookAnswers.streamDenial(template.json(), denial.get()));
            next.finish(false);
            return;
        }
        if (heldEvent != null) {
            next.event(heldEvent.event(), heldEvent.data());
        }
        if (heldMarker != null) {
            next.endMarker(heldMarker);
        }
        next.finish(complete);
    }

    private void keep(SseEvent event) {
        if (kept == null) {
            return;
        }
        keptBytes += event.data().length();
        if (keptBytes > MAX_KEPT_BYTES) {
            kept = null; // too long to judge: the hooks are told the answer is missing
        } else {
            kept.add(event);
        }
    }
}
