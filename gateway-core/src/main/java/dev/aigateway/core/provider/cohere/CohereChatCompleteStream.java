package dev.aigateway.core.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.ErrorBodies;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.IncompleteStreamException;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;
import dev.aigateway.core.provider.StreamUsage;
import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.SseEvent;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * One Cohere v2 chat stream as OpenAI {@code chat.completion.chunk} events.
 *
 * <ul>
 *   <li>{@code message-start} → a chunk with delta {@code {role:"assistant", content:""}}; its id
 *       is every chunk's id.
 *   <li>{@code content-delta} with text → a {@code content} delta; with thinking text → nothing in
 *       strict mode, a {@code reasoning_content} delta with strict off.
 *   <li>{@code tool-call-start} → the call's first delta {@code {index, id, type, function:{name,
 *       arguments}}}, {@code tool-call-delta} → {@code {index, function:{arguments}}}; the OpenAI
 *       index counts tool calls in the order they start.
 *   <li>{@code tool-plan-delta} → nothing in strict mode, a {@code tool_plan} delta with strict
 *       off; {@code content-start/end}, {@code tool-call-end}, {@code citation-start/end},
 *       {@code debug} and unknown types are dropped.
 *   <li>{@code message-end} → a chunk with the mapped finish_reason and the usage where
 *       {@link StreamUsage} says; an {@code error} in it → an OpenAI error event, then
 *       {@link IncompleteStreamException}.
 * </ul>
 *
 * A stream that ends before {@code message-end} is incomplete. One instance per stream, used by one
 * thread.
 */
final class CohereChatCompleteStream implements StreamTransform {
    private final ProviderRequest request;
    private final boolean strict;
    private final StreamUsage usagePlacement;
    /** Cohere's tool-call index → OpenAI's. */
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();

    private String id;
    private boolean ended;

    CohereChatCompleteStream(ProviderRequest request) {
        this.request = request;
        this.strict = request.strictOpenAiCompliance();
        this.usagePlacement = StreamUsage.of(request);
    }

    @Override
    public void onEvent(SseEvent event, ChunkSink out) throws IOException {
        if (ended || event.isDone() || event.data().isBlank()) {
            return;
        }
        JsonNode data = event.json();
        if (!data.isObject()) {
            throw new IncompleteStreamException("cohere sent a stream event that is not a JSON object");
        }
        JsonNode message = data.path("delta").path("message");
        String type = data.path("type").asText(event.event() == null ? "" : event.event());
        switch (type) {
            case "message-start" -> {
                id = Json.textOrNull(data, "id");
                out.data(chunk(Json.object().put("role", "assistant").put("content", ""), null));
            }
            case "content-delta" -> contentDelta(message.path("content"), out);
            case "tool-plan-delta" -> {
                if (!strict && message.path("tool_plan").isTextual()) {
                    out.data(chunk(
                            Json.object()
                                    .put("tool_plan", message.get("tool_plan").asText()),
                            null));
                }
            }
            case "tool-call-start" -> toolCallStart(data.path("index").asInt(), message.path("tool_calls"), out);
            case "tool-call-delta" -> toolCallDelta(data.path("index").asInt(), message.path("tool_calls"), out);
            case "message-end" -> messageEnd(data.path("delta"), out);
            default -> {
                // content-start/end, tool-call-end, citations, debug, and types Cohere may add later
            }
        }
    }

    @Override
    public void onEnd(ChunkSink out) throws IOException {
        if (!ended) {
            throw new IncompleteStreamException("the cohere stream ended before message-end");
        }
    }

    private void contentDelta(JsonNode content, ChunkSink out) throws IOException {
        if (content.path("text").isTextual()) {
            out.data(chunk(Json.object().put("content", content.get("text").asText()), null));
        } else if (!strict && content.path("thinking").isTextual()) {
            out.data(chunk(
                    Json.object()
                            .put("reasoning_content", content.get("thinking").asText()),
                    null));
        }
    }

    private void toolCallStart(int cohereIndex, JsonNode call, ChunkSink out) throws IOException {
        int index = toolIndexes.size();
        toolIndexes.put(cohereIndex, index);
        ObjectNode delta = Json.object();
        ObjectNode first = delta.putArray("tool_calls").addObject().put("index", index);
        first.put("id", call.path("id").asText(""));
        first.put("type", "function");
        ObjectNode function = first.putObject("function");
        function.put("name", call.path("function").path("name").asText(""));
        function.put("arguments", call.path("function").path("arguments").asText(""));
        out.data(chunk(delta, null));
    }

    private void toolCallDelta(int cohereIndex, JsonNode call, ChunkSink out) throws IOException {
        Integer index = toolIndexes.get(cohereIndex);
        String arguments = call.path("function").path("arguments").asText("");
        if (index == null || arguments.isEmpty()) {
            return;
        }
        ObjectNode delta = Json.object();
        delta.putArray("tool_calls")
                .addObject()
                .put("index", index)
                .putObject("function")
                .put("arguments", arguments);
        out.data(chunk(delta, null));
    }

    private void messageEnd(JsonNode delta, ChunkSink out) throws IOException {
        ended = true;
        if (delta.path("error").isTextual() && !delta.get("error").asText().isEmpty()) {
            out.error(
                    null,
                    ErrorBodies.openAi(
                            CohereProvider.ID + " error: " + delta.get("error").asText(),
                            null,
                            null,
                            null,
                            CohereProvider.ID));
            throw new IncompleteStreamException("cohere reported an error at the end of the stream");
        }
        ObjectNode usage = CohereUsage.from(delta.path("usage")).toOpenAi();
        ObjectNode finish =
                chunk(Json.object(), CohereChatCompleteResponse.finishReason(delta.path("finish_reason"), strict));
        if (usagePlacement == StreamUsage.ON_CHUNKS) {
            finish.set("usage", usage);
        }
        out.data(finish);
        if (usagePlacement == StreamUsage.OWN_CHUNK) {
            out.data(StreamUsage.usageChunk(header(), usage));
        }
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = header();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return chunk;
    }

    private ObjectNode header() {
        ObjectNode chunk = Json.object();
        chunk.put("id", id == null ? CohereProvider.ID + "-" + request.context().nowMillis() : id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", request.context().nowSeconds());
        chunk.put("model", request.model());
        chunk.put("provider", CohereProvider.ID);
        return chunk;
    }
}
