package dev.aigateway.core.provider.anthropic;

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
 * One Messages event stream as OpenAI {@code chat.completion.chunk} events, as Portkey maps them.
 *
 * <ul>
 *   <li>{@code message_start} → a chunk with delta {@code {role:"assistant", content:""}}; its id,
 *       model and input token counts are kept for the later chunks.
 *   <li>{@code content_block_start} of a {@code tool_use} block → the tool call's first delta
 *       {@code {index, id, type:"function", function:{name, arguments:""}}}; its
 *       {@code input_json_delta}s → {@code {index, function:{arguments}}}. The OpenAI index counts
 *       tool calls only, so text or thinking blocks before a tool do not shift it.
 *   <li>{@code text_delta} → a {@code content} delta.
 *   <li>Thinking, signature and citation deltas are dropped in strict mode; with strict off they
 *       (and text) are also sent as {@code content_blocks:[{index, delta}]}, as Portkey does.
 *   <li>{@code ping}, {@code content_block_stop} and unknown event types are dropped.
 *   <li>{@code message_delta} → a chunk with the mapped finish_reason; the usage where
 *       {@link StreamUsage} says (with {@code stream_options.include_usage} in a chunk of its own
 *       after it, as OpenAI sends it; with strict off on the finish chunk, as Portkey does;
 *       otherwise none).
 *   <li>{@code message_stop} ends the stream: the gateway then writes {@code data: [DONE]}.
 *   <li>{@code error} → an OpenAI error event, then {@link IncompleteStreamException}; a stream that
 *       ends before {@code message_stop} is incomplete too, unless a {@code message_delta} already
 *       carried the stop reason (the one choice finished: the answer is whole).
 * </ul>
 *
 * One instance per stream, used by one thread.
 */
final class AnthropicChatCompleteStream implements StreamTransform {
    private final ProviderRequest request;
    private final boolean strict;
    private final StreamUsage usagePlacement;
    /** Anthropic content-block index → OpenAI tool-call index, for tool_use blocks only. */
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();

    private String id;
    private String model = "";
    private AnthropicUsage usage = AnthropicUsage.NONE;
    private boolean done;
    /** Whether a {@code message_delta} carried the stop reason: the answer is whole from there. */
    private boolean finished;

    AnthropicChatCompleteStream(ProviderRequest request) {
        this.request = request;
        this.strict = request.strictOpenAiCompliance();
        this.usagePlacement = StreamUsage.of(request);
    }

    @Override
    public void onEvent(SseEvent event, ChunkSink out) throws IOException {
        if (done) {
            return;
        }
        JsonNode data = event.json();
        if (data.isMissingNode()) {
            throw new IncompleteStreamException("anthropic sent a stream event that is not JSON");
        }
        String type = data.path("type").asText(event.event() == null ? "" : event.event());
        switch (type) {
            case "message_start" -> messageStart(data.path("message"), out);
            case "content_block_start" -> blockStart(data.path("index").asInt(), data.path("content_block"), out);
            case "content_block_delta" -> blockDelta(data.path("index").asInt(), data.path("delta"), out);
            case "message_delta" -> messageDelta(data, out);
            case "message_stop" -> done = true;
            case "error" -> error(data.path("error"), out);
            default -> {
                // ping, content_block_stop, and event types Anthropic may add later
            }
        }
    }

    @Override
    public void onEnd(ChunkSink out) throws IOException {
        if (!done && !finished) {
            throw new IncompleteStreamException("the anthropic stream ended before message_stop");
        }
    }

    private void messageStart(JsonNode message, ChunkSink out) throws IOException {
        id = Json.textOrNull(message, "id");
        model = message.path("model").asText("");
        usage = AnthropicUsage.from(message.path("usage"));
        out.data(chunk(Json.object().put("role", "assistant").put("content", ""), null));
    }

    private void blockStart(int index, JsonNode block, ChunkSink out) throws IOException {
        ObjectNode delta = Json.object();
        if (block.path("type").asText("").equals("tool_use")) {
            int toolIndex = toolIndexes.size();
            toolIndexes.put(index, toolIndex);
            ObjectNode call = delta.putArray("tool_calls").addObject().put("index", toolIndex);
            call.put("id", block.path("id").asText(""));
            call.put("type", "function");
            ObjectNode function = call.putObject("function");
            function.put("name", block.path("name").asText(""));
            function.put("arguments", "");
        } else {
            String text = block.path("text").asText("");
            if (!text.isEmpty()) {
                delta.put("content", text);
            }
            addContentBlock(delta, index, block);
        }
        if (!delta.isEmpty()) {
            out.data(chunk(delta, null));
        }
    }

    private void blockDelta(int index, JsonNode blockDelta, ChunkSink out) throws IOException {
        ObjectNode delta = Json.object();
        String type = blockDelta.path("type").asText("");
        Integer toolIndex = toolIndexes.get(index);
        if (type.equals("input_json_delta") && toolIndex != null) {
            delta.putArray("tool_calls")
                    .addObject()
                    .put("index", toolIndex)
                    .putObject("function")
                    .put("arguments", blockDelta.path("partial_json").asText(""));
        } else {
            if (type.equals("text_delta")) {
                delta.put("content", blockDelta.path("text").asText(""));
            }
            addContentBlock(delta, index, blockDelta);
        }
        if (!delta.isEmpty()) {
            out.data(chunk(delta, null));
        }
    }

    /** With strict off, Anthropic's block or delta (minus its type) as Portkey's content_blocks. */
    private void addContentBlock(ObjectNode delta, int index, JsonNode block) {
        if (strict) {
            return;
        }
        ObjectNode copy = block instanceof ObjectNode object ? object.deepCopy() : Json.object();
        copy.remove("type");
        delta.putArray("content_blocks").addObject().put("index", index).set("delta", copy);
    }

    /** The finish_reason, and the usage where {@link StreamUsage} puts it. */
    private void messageDelta(JsonNode data, ChunkSink out) throws IOException {
        usage = usage.updatedBy(data.path("usage"));
        JsonNode stopReason = data.path("delta").path("stop_reason");
        finished |= stopReason.isTextual();
        String finishReason = AnthropicChatCompleteResponse.finishReason(stopReason, strict);
        ObjectNode finish = chunk(Json.object(), finishReason);
        if (usagePlacement == StreamUsage.ON_CHUNKS) {
            finish.set("usage", usage.toOpenAi());
        }
        out.data(finish);
        if (usagePlacement == StreamUsage.OWN_CHUNK) {
            out.data(StreamUsage.usageChunk(header(), usage.toOpenAi()));
        }
    }

    private void error(JsonNode error, ChunkSink out) throws IOException {
        done = true;
        String type = Json.textOrNull(error, "type");
        out.error(
                null,
                ErrorBodies.openAi(
                        request.providerId() + " error: "
                                + error.path("message").asText(""),
                        type,
                        null,
                        null,
                        request.providerId()));
        throw new IncompleteStreamException("anthropic reported an error mid-stream: " + type);
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

    /** The fields every chunk starts with. */
    private ObjectNode header() {
        ObjectNode chunk = Json.object();
        chunk.put("id", id());
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", request.context().nowSeconds());
        chunk.put("model", model);
        chunk.put("provider", request.providerId());
        return chunk;
    }

    /** The message id, or Portkey's fallback {@code anthropic-<ms>} when message_start had none. */
    private String id() {
        if (id == null) {
            id = request.providerId() + "-" + request.context().nowMillis();
        }
        return id;
    }
}
