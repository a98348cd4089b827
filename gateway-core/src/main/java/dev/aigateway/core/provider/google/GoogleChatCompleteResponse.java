package dev.aigateway.core.provider.google;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.ErrorBodies;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.google.GenerateContentResponse.Candidate;
import dev.aigateway.core.provider.google.GenerateContentResponse.FunctionCall;
import dev.aigateway.core.provider.google.GenerateContentResponse.LogprobCandidate;
import dev.aigateway.core.provider.google.GenerateContentResponse.LogprobsResult;
import dev.aigateway.core.provider.google.GenerateContentResponse.Part;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A {@code GenerateContentResponse} as an OpenAI {@code chat.completion} (Portkey's
 * {@code GoogleChatCompleteResponseTransform}): one choice per candidate, answer text parts joined
 * into {@code content} ({@code null} when there is none, as OpenAI sends with tool calls), function
 * calls as {@code tool_calls}, logprobs, and usage.
 *
 * <p>A prompt Gemini blocked ({@code promptFeedback.blockReason}, no candidates) becomes one empty
 * choice finishing with {@code content_filter}; Portkey reports it as an invalid response. When
 * strict OpenAI compliance is off, {@code groundingMetadata} and the function calls'
 * {@code thought_signature} are added, as in Portkey. The thought signature also rides in the tool
 * call's id whatever the compliance setting. The {@code provider} field is the calling provider's
 * slug ({@code google} or {@code vertex-ai}).
 */
final class GoogleChatCompleteResponse {
    private GoogleChatCompleteResponse() {}

    static JsonNode toOpenAi(JsonNode body, ProviderRequest request) {
        GenerateContentResponse response;
        try {
            response = GenerateContentResponse.parse(body);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return invalid(body, request.providerId());
        }
        if (!body.has("candidates") && response.blockReason() == null) {
            return invalid(body, request.providerId());
        }
        ObjectNode out = Json.object();
        out.put("id", "portkey-" + request.context().newId());
        out.put("object", "chat.completion");
        out.put("created", request.context().nowSeconds());
        out.put("model", response.modelVersion() != null ? response.modelVersion() : GoogleApi.modelName(request));
        out.put("provider", request.providerId());
        ArrayNode choices = out.putArray("choices");
        List<Candidate> candidates = response.candidates();
        for (int i = 0; i < candidates.size(); i++) {
            choices.add(choice(candidates.get(i), i, request));
        }
        if (candidates.isEmpty()) {
            choices.add(blockedChoice(response.blockReason(), request.strictOpenAiCompliance()));
        }
        if (response.usageMetadata() != null) {
            out.set("usage", GoogleUsage.toOpenAi(response.usageMetadata()));
        }
        return out;
    }

    private static ObjectNode choice(Candidate candidate, int position, ProviderRequest request) {
        boolean strict = request.strictOpenAiCompliance();
        ObjectNode choice = Json.object();
        choice.put("index", candidate.indexOr(position));
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        String text = answerText(candidate.parts());
        if (text == null) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        ArrayNode toolCalls = Json.array();
        for (Part part : candidate.parts()) {
            if (part.functionCall() != null) {
                toolCalls.add(toolCall(part, request));
            }
        }
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        if (candidate.logprobsResult() != null) {
            choice.putObject("logprobs").set("content", logprobs(candidate.logprobsResult()));
        }
        choice.put(
                "finish_reason", GoogleFinishReason.toOpenAi(candidate.finishReason(), !toolCalls.isEmpty(), strict));
        if (!strict && candidate.groundingMetadata() != null) {
            choice.set("groundingMetadata", candidate.groundingMetadata());
        }
        return choice;
    }

    private static ObjectNode blockedChoice(String blockReason, boolean strict) {
        ObjectNode choice = Json.object();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").putNull("content");
        choice.put("finish_reason", GoogleFinishReason.forBlockedPrompt(blockReason, strict));
        return choice;
    }

    /** The answer text of {@code parts}, or {@code null} when there is none. Thoughts are left out. */
    static String answerText(List<Part> parts) {
        StringBuilder text = null;
        for (Part part : parts) {
            if (part.isAnswerText()) {
                text = text == null ? new StringBuilder(part.text()) : text.append(part.text());
            }
        }
        return text == null ? null : text.toString();
    }

    /**
     * An OpenAI tool call for a {@code functionCall} part. Gemini's own call id is kept when it sends
     * one; otherwise a {@code portkey-<uuid>} id is made, as Portkey does. A thought signature rides
     * in the id ({@link ThoughtSignatures}), so that every OpenAI client sends it back.
     */
    static ObjectNode toolCall(Part part, ProviderRequest request) {
        FunctionCall call = part.functionCall();
        ObjectNode toolCall = Json.object();
        String id =
                call.id() != null ? call.id() : "portkey-" + request.context().newId();
        toolCall.put("id", ThoughtSignatures.withSignature(id, part.thoughtSignature()));
        toolCall.put("type", "function");
        ObjectNode function = toolCall.putObject("function");
        function.put("name", call.name());
        function.put("arguments", call.args() == null ? "{}" : Json.text(call.args()));
        if (!request.strictOpenAiCompliance() && part.thoughtSignature() != null) {
            function.put("thought_signature", part.thoughtSignature());
        }
        return toolCall;
    }

    /** Gemini's chosen tokens, each with its top alternatives, in OpenAI's {@code logprobs.content}. */
    private static ArrayNode logprobs(LogprobsResult result) {
        ArrayNode content = Json.array();
        List<LogprobCandidate> chosen = result.chosenCandidates();
        for (int i = 0; i < chosen.size(); i++) {
            ObjectNode token = logprob(chosen.get(i));
            ArrayNode top = token.putArray("top_logprobs");
            if (i < result.topCandidates().size()) {
                result.topCandidates().get(i).candidates().forEach(alternative -> top.add(logprob(alternative)));
            }
            content.add(token);
        }
        return content;
    }

    private static ObjectNode logprob(LogprobCandidate candidate) {
        String token = candidate.token() == null ? "" : candidate.token();
        ObjectNode out = Json.object().put("token", token);
        out.put("logprob", candidate.logProbability() == null ? 0.0 : candidate.logProbability());
        ArrayNode bytes = out.putArray("bytes");
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
            bytes.add(b & 0xff);
        }
        return out;
    }

    /** Portkey's answer for a 2xx body that is not a {@code GenerateContentResponse}. */
    private static ObjectNode invalid(JsonNode body, String providerId) {
        return ErrorBodies.openAi(
                "Invalid response received from " + providerId + ": " + Json.text(body), null, null, null, providerId);
    }
}
