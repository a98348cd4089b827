package dev.aigateway.core.provider.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ParamMapper;
import dev.aigateway.core.provider.ParamSpec;
import dev.aigateway.core.provider.ProviderRequest;
import java.util.Locale;
import java.util.Set;

/**
 * The chat request for Gemini's {@code generateContent} (Portkey's {@code GoogleChatCompleteConfig}):
 * the parameter table {@link #PARAMS} and the transforms it names. Generation parameters go under
 * {@code generationConfig}; parameters not in the table are dropped.
 *
 * <p>Beyond Portkey: {@code n}, {@code presence_penalty} and {@code frequency_penalty} are mapped
 * (Portkey drops them), a string {@code stop} is sent as a one-element list (Gemini wants a list),
 * and {@code model} is not copied into the body (it is in the URL).
 */
final class GoogleChatComplete {
    private static final String CONFIG = "generationConfig.";
    private static final Set<String> SEARCH_TOOL_NAMES = Set.of("googleSearch", "google_search");

    /** The table for Gemini on AI Studio. */
    static final ParamMapper PARAMS = table().build();

    /** The table for Gemini on Vertex AI, which also takes safety settings and billing labels. */
    static final ParamMapper VERTEX_PARAMS = table().param("safety_settings", ParamSpec.to("safetySettings"))
            .param("labels", ParamSpec.to("labels"))
            .build();

    private GoogleChatComplete() {}

    private static ParamMapper.Builder table() {
        return ParamMapper.builder()
                .param(
                        "messages",
                        ParamSpec.to("contents", GoogleChatComplete::toContents),
                        ParamSpec.to("systemInstruction", GoogleChatComplete::toSystemInstruction))
                .param("temperature", ParamSpec.to(CONFIG + "temperature"))
                .param("top_p", ParamSpec.to(CONFIG + "topP"))
                .param("top_k", ParamSpec.to(CONFIG + "topK"))
                .param("max_tokens", ParamSpec.to(CONFIG + "maxOutputTokens"))
                // declared after max_tokens so that it wins when both are sent, as in Portkey
                .param("max_completion_tokens", ParamSpec.to(CONFIG + "maxOutputTokens"))
                .param("stop", ParamSpec.to(CONFIG + "stopSequences", GoogleChatComplete::toStopSequences))
                .param("n", ParamSpec.to(CONFIG + "candidateCount"))
                .param("seed", ParamSpec.to(CONFIG + "seed"))
                .param("presence_penalty", ParamSpec.to(CONFIG + "presencePenalty"))
                .param("frequency_penalty", ParamSpec.to(CONFIG + "frequencyPenalty"))
                .param("logprobs", ParamSpec.to(CONFIG + "responseLogprobs"))
                .param("top_logprobs", ParamSpec.to(CONFIG + "logprobs"))
                .param(
                        "response_format",
                        ParamSpec.to(CONFIG + "responseMimeType", GoogleChatComplete::toResponseMimeType),
                        ParamSpec.to(CONFIG + "responseSchema", GoogleChatComplete::toResponseSchema))
                .param(
                        "thinking",
                        ParamSpec.to(CONFIG + "thinkingConfig.includeThoughts", GoogleChatComplete::toIncludeThoughts),
                        ParamSpec.to(CONFIG + "thinkingConfig.thinkingBudget", GoogleChatComplete::toThinkingBudget))
                .param(
                        "reasoning_effort",
                        ParamSpec.to(CONFIG + "thinkingConfig.thinkingLevel", GoogleChatComplete::toThinkingLevel))
                .param("modalities", ParamSpec.to(CONFIG + "responseModalities", GoogleChatComplete::toModalities))
                .param("tools", ParamSpec.to("tools", GoogleChatComplete::toTools))
                .param("tool_choice", ParamSpec.to("toolConfig", GoogleChatComplete::toToolConfig));
    }

    static JsonNode toContents(ProviderRequest request) {
        return GoogleContents.of(request.params().path("messages"));
    }

    static JsonNode toSystemInstruction(ProviderRequest request) {
        return GoogleContents.systemInstruction(request.params().path("messages"));
    }

    /** {@code "END"} → {@code ["END"]}; a list is kept. */
    static JsonNode toStopSequences(ProviderRequest request) {
        JsonNode stop = request.params().get("stop");
        if (stop.isTextual()) {
            return stop.asText().isEmpty() ? null : Json.array().add(stop.asText());
        }
        return stop.isArray() && !stop.isEmpty() ? stop : null;
    }

    /** JSON mode for {@code json_object} and {@code json_schema}. */
    static JsonNode toResponseMimeType(ProviderRequest request) {
        String type = request.params().path("response_format").path("type").asText("");
        return type.equals("json_object") || type.equals("json_schema") ? TextNode.valueOf("application/json") : null;
    }

    /**
     * The cleaned {@code json_schema.schema}; like Portkey, a {@code json_schema} that is itself a
     * schema (has {@code type} or {@code properties}) is accepted too.
     */
    static JsonNode toResponseSchema(ProviderRequest request) {
        JsonNode format = request.params().path("response_format");
        if (!"json_schema".equals(format.path("type").asText())) {
            return null;
        }
        JsonNode jsonSchema = format.path("json_schema");
        JsonNode schema = jsonSchema.path("schema");
        if (!schema.isObject() && (jsonSchema.has("type") || jsonSchema.has("properties"))) {
            schema = jsonSchema;
        }
        return schema.isObject() ? GoogleSchema.clean(schema) : null;
    }

    /** Anthropic-style {@code thinking: {type: "enabled", budget_tokens}}, as Portkey accepts it. */
    static JsonNode toIncludeThoughts(ProviderRequest request) {
        JsonNode thinking = request.params().path("thinking");
        boolean enabled = "enabled".equals(thinking.path("type").asText())
                && thinking.path("budget_tokens").asInt(0) > 0;
        return BooleanNode.valueOf(enabled);
    }

    static JsonNode toThinkingBudget(ProviderRequest request) {
        JsonNode budget = request.params().path("thinking").path("budget_tokens");
        return budget.isNumber() ? budget : null;
    }

    /** Gemini 3's {@code thinkingLevel}; {@code none} is left out, as Portkey does. */
    static JsonNode toThinkingLevel(ProviderRequest request) {
        JsonNode effort = request.params().get("reasoning_effort");
        return effort.isTextual() && !effort.asText().equals("none") ? effort : null;
    }

    static JsonNode toModalities(ProviderRequest request) {
        ArrayNode modalities = Json.array();
        for (JsonNode modality : request.params().path("modalities")) {
            modalities.add(modality.asText().toUpperCase(Locale.ROOT));
        }
        return modalities.isEmpty() ? null : modalities;
    }

    /**
     * Function tools as one {@code functionDeclarations} entry, their parameters cleaned for Gemini;
     * a function named {@code googleSearch} or {@code google_search} enables Gemini's search tool, as
     * in Portkey.
     */
    static JsonNode toTools(ProviderRequest request) {
        ArrayNode tools = Json.array();
        ArrayNode declarations = Json.array();
        for (JsonNode tool : request.params().path("tools")) {
            JsonNode function = tool.path("function");
            if (!"function".equals(tool.path("type").asText()) || !function.isObject()) {
                continue;
            }
            String name = function.path("name").asText("");
            if (SEARCH_TOOL_NAMES.contains(name)) {
                tools.addObject().putObject("googleSearch");
            } else {
                declarations.add(functionDeclaration(name, function));
            }
        }
        if (!declarations.isEmpty()) {
            tools.addObject().set("functionDeclarations", declarations);
        }
        return tools.isEmpty() ? null : tools;
    }

    private static ObjectNode functionDeclaration(String name, JsonNode function) {
        ObjectNode declaration = Json.object().put("name", name);
        if (function.hasNonNull("description")) {
            declaration.set("description", function.get("description"));
        }
        JsonNode parameters = GoogleSchema.clean(function.get("parameters"));
        // Gemini rejects an object schema without properties ("should be non-empty for OBJECT type").
        if (parameters != null
                && parameters.isObject()
                && !parameters.path("properties").isEmpty()) {
            declaration.set("parameters", parameters);
        }
        return declaration;
    }

    /**
     * {@code none}/{@code auto}/{@code required} → mode {@code NONE}/{@code AUTO}/{@code ANY}; a named
     * function → {@code ANY} restricted to that function.
     */
    static JsonNode toToolConfig(ProviderRequest request) {
        JsonNode choice = request.params().get("tool_choice");
        ObjectNode config = Json.object();
        if (choice.isTextual()) {
            String mode =
                    switch (choice.asText()) {
                        case "none" -> "NONE";
                        case "auto" -> "AUTO";
                        case "required" -> "ANY";
                        default -> null;
                    };
            if (mode == null) {
                return null;
            }
            config.putObject("functionCallingConfig").put("mode", mode);
            return config;
        }
        String name = choice.path("function").path("name").asText("");
        if (!"function".equals(choice.path("type").asText()) || name.isEmpty()) {
            return null;
        }
        ObjectNode calling = config.putObject("functionCallingConfig").put("mode", "ANY");
        calling.putArray("allowedFunctionNames").add(name);
        return config;
    }
}
