package dev.aigateway.core.provider.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.IncompleteStreamException;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;
import dev.aigateway.core.provider.StreamUsage;
import dev.aigateway.core.provider.google.GenerateContentResponse.Candidate;
import dev.aigateway.core.provider.google.GenerateContentResponse.Part;
import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.SseEvent;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Gemini stream (SSE or streamed JSON array; each event a {@code GenerateContentResponse}) as
 * OpenAI {@code chat.completion.chunk} events (Portkey's {@code GoogleChatCompleteStreamChunkTransform}).
 * Holds the stream's state: one id and {@code created} for every chunk, whether each choice has had
 * its {@code role}, its next tool-call index, and whether it called functions.
 *
 * <p>Each event gives at most one chunk; an event with nothing to tell (e.g. only thought summaries)
 * gives none. Gemini reports the running usage on every event and often sends the last words with
 * the finish reason; where the usage goes is {@link StreamUsage}'s choice: with {@code
 * stream_options.include_usage} the last event's usage comes in a chunk of its own before {@code
 * [DONE]}; with strict compliance off it rides on the chunks whose usage has {@code
 * candidatesTokenCount} and on any chunk that finishes a choice, as in Portkey; otherwise there is
 * none. Differences from Portkey: the stream ends with {@code data: [DONE]} (written by the
 * gateway, as for every OpenAI-format stream); a stream that ends
 * before any candidate finished is reported as cut ({@link IncompleteStreamException}); an error
 * Gemini sends inside the stream is written as an OpenAI error event and then reported as a cut,
 * instead of failing to parse.
 */
final class GoogleChatCompleteStream implements StreamTransform {
    private final ProviderRequest request;
    private final String id;
    private final long created;
    private final StreamUsage usagePlacement;
    private final Map<Integer, ChoiceState> choices = new HashMap<>();
    private boolean finished;
    /** The latest {@code modelVersion}, for chunks of events without one and the usage chunk. */
    private String lastModel;
    /** With {@link StreamUsage#OWN_CHUNK}: the latest usage, sent once, just before [DONE]. */
    private ObjectNode lastUsage;

    /** What the stream has told the client about one choice so far. */
    private static final class ChoiceState {
        boolean roleSent;
        boolean calledFunctions;
        int nextToolIndex;
    }

    GoogleChatCompleteStream(ProviderRequest request) {
        this.request = request;
        this.id = "portkey-" + request.context().newId();
        this.created = request.context().nowSeconds();
        this.usagePlacement = StreamUsage.of(request);
        this.lastModel = GoogleApi.modelName(request);
    }

    @Override
    public void onEvent(SseEvent event, ChunkSink out) throws IOException {
        if (event.data().isBlank() || event.isDone()) {
            return;
        }
        JsonNode json = event.json();
        if (!json.isObject()) {
            throw new IncompleteStreamException("google sent a stream event that is not a JSON object");
        }
        if (GoogleErrors.isGoogleError(json)) {
            out.error(null, GoogleErrors.fromError(json.get("error"), request));
            throw new IncompleteStreamException("google reported an error inside the stream");
        }
        ObjectNode chunk = chunk(GenerateContentResponse.parse(json));
        if (chunk != null) {
            out.data(chunk);
        }
    }

    @Override
    public void onEnd(ChunkSink out) throws IOException {
        if (!finished) {
            throw new IncompleteStreamException("the google stream ended before any candidate finished");
        }
        if (lastUsage != null) {
            out.data(StreamUsage.usageChunk(header(), lastUsage));
        }
    }

    /** The chunk for one event, or {@code null} when it has nothing to tell. */
    private ObjectNode chunk(GenerateContentResponse response) {
        ArrayNode choiceNodes = Json.array();
        boolean finishesHere = false;
        List<Candidate> candidates = response.candidates();
        for (int i = 0; i < candidates.size(); i++) {
            ObjectNode choice = choice(candidates.get(i), i);
            if (choice != null) {
                choiceNodes.add(choice);
                finishesHere |= !choice.get("finish_reason").isNull();
            }
        }
        if (candidates.isEmpty() && response.blockReason() != null) {
            choiceNodes.add(blockedChoice(response.blockReason()));
            finishesHere = true;
        }
        if (response.modelVersion() != null) {
            lastModel = response.modelVersion();
        }
        if (usagePlacement == StreamUsage.OWN_CHUNK && response.usageMetadata() != null) {
            lastUsage = GoogleUsage.toOpenAi(response.usageMetadata());
        }
        boolean withUsage = usagePlacement == StreamUsage.ON_CHUNKS
                && response.usageMetadata() != null
                && (response.usageMetadata().candidatesTokenCount() != null || finishesHere);
        if (choiceNodes.isEmpty() && !withUsage) {
            return null;
        }
        ObjectNode chunk = header();
        chunk.set("choices", choiceNodes);
        if (withUsage) {
            chunk.set("usage", GoogleUsage.toOpenAi(response.usageMetadata()));
        }
        return chunk;
    }

    /** The fields every chunk starts with; the model is the latest {@code modelVersion} seen. */
    private ObjectNode header() {
        ObjectNode chunk = Json.object();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", lastModel);
        chunk.put("provider", request.providerId());
        return chunk;
    }

    private ObjectNode choice(Candidate candidate, int position) {
        int index = candidate.indexOr(position);
        ChoiceState state = choices.computeIfAbsent(index, i -> new ChoiceState());
        ObjectNode delta = Json.object();
        String text = GoogleChatCompleteResponse.answerText(candidate.parts());
        if (text != null && !text.isEmpty()) {
            delta.put("content", text);
        }
        ArrayNode toolCalls = Json.array();
        for (Part part : candidate.parts()) {
            if (part.functionCall() != null) {
                // Gemini sends each call whole, so one delta carries its id, name and all arguments.
                toolCalls.add(GoogleChatCompleteResponse.toolCall(part, request).put("index", state.nextToolIndex++));
            }
        }
        if (!toolCalls.isEmpty()) {
            delta.set("tool_calls", toolCalls);
            state.calledFunctions = true;
        }
        String finishReason = candidate.finishReason() == null
                ? null
                : GoogleFinishReason.toOpenAi(
                        candidate.finishReason(), state.calledFunctions, request.strictOpenAiCompliance());
        if (delta.isEmpty() && finishReason == null) {
            return null;
        }
        finished |= finishReason != null;
        ObjectNode choice = choiceWithRole(index, delta, state);
        choice.put("finish_reason", finishReason);
        if (!request.strictOpenAiCompliance() && candidate.groundingMetadata() != null) {
            choice.set("groundingMetadata", candidate.groundingMetadata());
        }
        return choice;
    }

    private ObjectNode blockedChoice(String blockReason) {
        ChoiceState state = choices.computeIfAbsent(0, i -> new ChoiceState());
        finished = true;
        ObjectNode choice = choiceWithRole(0, Json.object(), state);
        choice.put("finish_reason", GoogleFinishReason.forBlockedPrompt(blockReason, request.strictOpenAiCompliance()));
        return choice;
    }

    /** A choice whose delta starts with {@code role: assistant} if this is the choice's first chunk. */
    private static ObjectNode choiceWithRole(int index, ObjectNode delta, ChoiceState state) {
        ObjectNode choice = Json.object();
        choice.put("index", index);
        ObjectNode withRole = choice.putObject("delta");
        if (!state.roleSent) {
            withRole.put("role", "assistant");
            state.roleSent = true;
        }
        withRole.setAll(delta);
        return choice;
    }
}
