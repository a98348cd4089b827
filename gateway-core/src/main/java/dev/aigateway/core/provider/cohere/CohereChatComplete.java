package dev.aigateway.core.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.ParamMapper;
import dev.aigateway.core.provider.ParamSpec;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;

/**
 * OpenAI chat completions to and from Cohere's v2 chat API. The request is mapped by the table
 * below (parameters not in it are dropped: Cohere refuses unknown fields); messages are converted
 * by {@link CohereMessages}, answers by {@link CohereChatCompleteResponse}, streams by
 * {@link CohereChatCompleteStream}.
 *
 * <p>Cohere's own parameters pass as they are: {@code documents} (grounding documents, answered
 * with citations), {@code citation_options}, {@code safety_mode}, {@code priority}, {@code k},
 * {@code p} and {@code thinking}. Cohere returns one choice, so {@code n} above 1 is a 400.
 */
final class CohereChatComplete implements EndpointTransform {
    private static final ParamMapper PARAMS = ParamMapper.builder()
            .copy("model")
            .param("messages", ParamSpec.to("messages", CohereMessages::toMessages))
            .param(
                    "tools",
                    ParamSpec.to("tools", CohereChatComplete::toTools),
                    ParamSpec.to("strict_tools", CohereChatComplete::strictTools))
            .param("tool_choice", ParamSpec.to("tool_choice", CohereChatComplete::toToolChoice))
            .param("max_tokens", ParamSpec.to("max_tokens"))
            // Declared after max_tokens so that it wins when both are sent.
            .param("max_completion_tokens", ParamSpec.to("max_tokens"))
            .param("stop", ParamSpec.to("stop_sequences", CohereChatComplete::toStopSequences))
            .copy("temperature", "seed", "frequency_penalty", "presence_penalty", "logprobs")
            .param("top_p", ParamSpec.to("p"))
            .param("top_k", ParamSpec.to("k"))
            .copy("p", "k")
            .param("response_format", ParamSpec.to("response_format", CohereChatComplete::toResponseFormat))
            .copy("documents", "citation_options", "safety_mode", "priority")
            .param("thinking", ParamSpec.to("thinking", CohereChatComplete::toThinking))
            .copy("stream")
            .build();

    @Override
    public JsonNode request(ProviderRequest request) {
        JsonNode n = request.params().path("n");
        if (n.isNumber() && n.asInt() > 1) {
            throw GatewayException.badRequest("cohere returns one choice: n must be 1");
        }
        return PARAMS.map(request);
    }

    @Override
    public JsonNode response(JsonNode providerBody, ProviderRequest request) {
        return CohereChatCompleteResponse.toOpenAi(providerBody, request);
    }

    @Override
    public ObjectNode error(int status, byte[] body, ProviderRequest request) {
        return CohereChatCompleteResponse.error(status, body);
    }

    @Override
    public int errorStatus(int status, byte[] body, ProviderRequest request) {
        return CohereChatCompleteResponse.errorStatus(status);
    }

    @Override
    public StreamTransform stream(ProviderRequest request) {
        return new CohereChatCompleteStream(request);
    }

    /**
     * OpenAI function tools in Cohere's v2 shape, which is OpenAI's without {@code strict} (Cohere
     * has one {@code strict_tools} flag instead). A {@code tool_choice} naming one function keeps
     * only that function, since Cohere can require a tool call but not name one.
     */
    static JsonNode toTools(ProviderRequest request) {
        String only = namedFunction(request.params().get("tool_choice"));
        ArrayNode tools = Json.array();
        for (JsonNode tool : request.params().path("tools")) {
            JsonNode function = tool.get("function");
            if (!(function instanceof ObjectNode)) {
                continue;
            }
            if (only != null && !only.equals(function.path("name").asText())) {
                continue;
            }
            ObjectNode copy = ((ObjectNode) function).deepCopy();
            copy.remove("strict");
            ObjectNode out = tools.addObject().put("type", "function");
            out.set("function", copy);
        }
        return tools;
    }

    /** {@code strict_tools: true} when any function asks for strict schema adherence. */
    static JsonNode strictTools(ProviderRequest request) {
        for (JsonNode tool : request.params().path("tools")) {
            if (tool.path("function").path("strict").asBoolean(false)) {
                return BooleanNode.TRUE;
            }
        }
        return null;
    }

    /**
     * {@code required} and a named function → {@code REQUIRED}, {@code none} → {@code NONE},
     * {@code auto} → left out (Cohere's default).
     */
    static JsonNode toToolChoice(ProviderRequest request) {
        JsonNode choice = request.params().get("tool_choice");
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "required" -> TextNode.valueOf("REQUIRED");
                case "none" -> TextNode.valueOf("NONE");
                default -> null;
            };
        }
        return namedFunction(choice) == null ? null : TextNode.valueOf("REQUIRED");
    }

    private static String namedFunction(JsonNode choice) {
        return choice == null || !choice.isObject() ? null : Json.textOrNull(choice.path("function"), "name");
    }

    /** {@code stop} as a list: Cohere's {@code stop_sequences} takes no bare string. */
    static JsonNode toStopSequences(ProviderRequest request) {
        JsonNode stop = request.params().get("stop");
        if (stop.isTextual()) {
            return Json.array().add(stop.asText());
        }
        return stop.isArray() ? stop : null;
    }

    /**
     * {@code json_object} as it is; {@code json_schema} → {@code {type: json_object, json_schema:
     * <the schema>}}; {@code text} as it is.
     */
    static JsonNode toResponseFormat(ProviderRequest request) {
        JsonNode format = request.params().get("response_format");
        String type = format.path("type").asText("");
        return switch (type) {
            case "text", "json_object" -> Json.object().put("type", type);
            case "json_schema" -> {
                ObjectNode out = Json.object().put("type", "json_object");
                JsonNode schema = format.path("json_schema").get("schema");
                if (schema != null && schema.isObject()) {
                    out.set("json_schema", schema);
                }
                yield out;
            }
            default -> null;
        };
    }

    /**
     * Cohere's {@code {type, token_budget}}, also from Anthropic's spelling {@code budget_tokens}
     * (which the Messages route passes on).
     */
    static JsonNode toThinking(ProviderRequest request) {
        JsonNode thinking = request.params().get("thinking");
        if (!(thinking instanceof ObjectNode given) || !given.has("budget_tokens")) {
            return thinking;
        }
        ObjectNode out = given.deepCopy();
        JsonNode budget = out.remove("budget_tokens");
        if (!out.has("token_budget")) {
            out.set("token_budget", budget);
        }
        return out;
    }
}
