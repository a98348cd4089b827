package dev.aigateway.core.provider.google;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.internal.Json;
import java.util.List;

/**
 * The fields of Gemini's {@code GenerateContentResponse} the gateway reads; one stream event has the
 * same shape. Unknown fields are ignored, absent lists are empty, absent token counts are
 * {@code null} (the stream transform needs to know whether a count was sent at all).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record GenerateContentResponse(
        List<Candidate> candidates, PromptFeedback promptFeedback, UsageMetadata usageMetadata, String modelVersion) {

    GenerateContentResponse {
        candidates = candidates == null ? List.of() : candidates;
    }

    static GenerateContentResponse parse(JsonNode body) throws JsonProcessingException {
        return Json.MAPPER.treeToValue(body, GenerateContentResponse.class);
    }

    /** Why the prompt itself was blocked, or {@code null}; a blocked prompt has no candidates. */
    String blockReason() {
        return promptFeedback == null ? null : promptFeedback.blockReason();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Candidate(
            Content content,
            String finishReason,
            Integer index,
            JsonNode groundingMetadata,
            LogprobsResult logprobsResult) {

        List<Part> parts() {
            return content == null ? List.of() : content.parts();
        }

        /** The candidate's position: Gemini leaves {@code index} out when it is 0. */
        int indexOr(int position) {
            return index == null ? position : index;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Content(List<Part> parts, String role) {
        Content {
            parts = parts == null ? List.of() : parts;
        }
    }

    /** One part; exactly one of {@code text}, {@code functionCall} or {@code inlineData} is usually set. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Part(
            String text, boolean thought, FunctionCall functionCall, InlineData inlineData, String thoughtSignature) {

        /** Answer text: thought summaries ({@code thought: true}) are not part of the answer. */
        boolean isAnswerText() {
            return text != null && !thought;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FunctionCall(String id, String name, JsonNode args) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record InlineData(String mimeType, String data) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PromptFeedback(String blockReason) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UsageMetadata(
            Integer promptTokenCount,
            Integer candidatesTokenCount,
            Integer totalTokenCount,
            Integer thoughtsTokenCount,
            Integer cachedContentTokenCount) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record LogprobsResult(List<TopCandidates> topCandidates, List<LogprobCandidate> chosenCandidates) {
        LogprobsResult {
            topCandidates = topCandidates == null ? List.of() : topCandidates;
            chosenCandidates = chosenCandidates == null ? List.of() : chosenCandidates;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TopCandidates(List<LogprobCandidate> candidates) {
        TopCandidates {
            candidates = candidates == null ? List.of() : candidates;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record LogprobCandidate(String token, Double logProbability) {}
}
