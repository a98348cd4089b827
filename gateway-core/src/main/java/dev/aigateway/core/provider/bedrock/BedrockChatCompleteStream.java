package dev.aigateway.core.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * One ConverseStream (events from {@link dev.aigateway.core.stream.AwsEventStreamReader}) as OpenAI
 * {@code chat.completion.chunk}s: {@code messageStart} gives the role, {@code contentBlockStart}
 * with a {@code toolUse} opens a tool call (its index counting tool calls only),
 * {@code contentBlockDelta} gives text or the call's argument text, {@code messageStop} the finish
 * reason, and {@code metadata} the usage, placed as {@link StreamUsage} says. The stream is complete
 * once {@code messageStop} has come; an exception AWS sends inside the stream becomes an OpenAI
 * error event with the status its type means.
 */
final class BedrockChatCompleteStream implements StreamTransform {
    private final ProviderRequest request;
    private final String id;
    private final long created;
    private final StreamUsage usagePlacement;
    /** Converse's content block index → the tool call's OpenAI index. */
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();

    private boolean stopped;
    private ObjectNode usage;

    BedrockChatCompleteStream(ProviderRequest request) {
        this.request = request;
        this.id = "portkey-" + request.context().newId();
        this.created = request.context().nowSeconds();
        this.usagePlacement = StreamUsage.of(request);
    }

    @Override
    public void onEvent(SseEvent event, ChunkSink out) throws IOException {
        String type = event.event() == null ? "" : event.event();
        if (type.equals("exception") || type.equals("error")) {
            BedrockErrors.BedrockError error = BedrockErrors.fromStream(event.json());
            out.error(null, BedrockErrors.envelope(error));
            throw new IncompleteStreamException(
                    "bedrock reported " + error.type().orElse("an error") + " inside the stream");
        }
        JsonNode json = event.json();
        switch (type) {
            case "messageStart" -> out.data(
                    chunk(Json.object().put("role", "assistant").put("content", ""), null));
            case "contentBlockStart" -> toolStart(json, out);
            case "contentBlockDelta" -> delta(json, out);
            case "messageStop" -> {
                stopped = true;
                String reason = BedrockChatCompleteResponse.finishReason(
                        json.path("stopReason").asText("end_turn"), request);
                ObjectNode chunk = chunk(Json.object(), reason);
                if (usagePlacement == StreamUsage.ON_CHUNKS && usage != null) {
                    chunk.set("usage", usage);
                }
                out.data(chunk);
            }
            case "metadata" -> metadata(json, out);
            default -> {
                // contentBlockStop and events this gateway does not know tell the caller nothing.
            }
        }
    }

    private void toolStart(JsonNode json, ChunkSink out) throws IOException {
        JsonNode use = json.path("start").path("toolUse");
        if (use.isMissingNode()) {
            return;
        }
        int index = toolIndexes.size();
        toolIndexes.put(json.path("contentBlockIndex").asInt(), index);
        ObjectNode call = Json.object();
        call.put("index", index);
        call.put("id", use.path("toolUseId").asText());
        call.put("type", "function");
        call.putObject("function").put("name", use.path("name").asText()).put("arguments", "");
        ObjectNode delta = Json.object();
        delta.putArray("tool_calls").add(call);
        out.data(chunk(delta, null));
    }

    private void delta(JsonNode json, ChunkSink out) throws IOException {
        JsonNode delta = json.path("delta");
        if (delta.has("text")) {
            out.data(chunk(Json.object().put("content", delta.path("text").asText()), null));
        } else if (delta.has("toolUse")) {
            Integer index = toolIndexes.get(json.path("contentBlockIndex").asInt());
            if (index == null) {
                throw new IncompleteStreamException("bedrock sent tool input for a tool call it never started");
            }
            ObjectNode call = Json.object().put("index", index);
            call.putObject("function")
                    .put("arguments", delta.path("toolUse").path("input").asText(""));
            ObjectNode openAiDelta = Json.object();
            openAiDelta.putArray("tool_calls").add(call);
            out.data(chunk(openAiDelta, null));
        } else if (delta.has("reasoningContent") && !request.strictOpenAiCompliance()) {
            String text = delta.path("reasoningContent").path("text").asText("");
            if (!text.isEmpty()) {
                out.data(chunk(Json.object().put("reasoning_content", text), null));
            }
        }
    }

    private void metadata(JsonNode json, ChunkSink out) throws IOException {
        if (!json.has("usage")) {
            return;
        }
        usage = BedrockChatCompleteResponse.usage(json.get("usage"));
        if (usagePlacement == StreamUsage.OWN_CHUNK) {
            out.data(StreamUsage.usageChunk(header(), usage));
        } else if (usagePlacement == StreamUsage.ON_CHUNKS && stopped) {
            ObjectNode chunk = header();
            chunk.putArray("choices");
            chunk.set("usage", usage);
            out.data(chunk);
        }
    }

    @Override
    public void onEnd(ChunkSink out) throws IOException {
        if (!stopped) {
            throw new IncompleteStreamException("the bedrock stream ended before messageStop");
        }
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = header();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private ObjectNode header() {
        ObjectNode chunk = Json.object();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", request.model());
        chunk.put("provider", BedrockProvider.ID);
        return chunk;
    }
}
