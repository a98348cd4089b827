package dev.aigateway.core.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.ParamMapper;
import dev.aigateway.core.provider.ParamSpec;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;
import java.util.function.BiFunction;

/**
 * OpenAI chat completions to and from Anthropic's Messages API (Portkey's
 * {@code anthropic/chatComplete.ts}). The request is mapped by the parameter table below; messages
 * are converted by {@link AnthropicMessages}, answers by {@link AnthropicChatCompleteResponse} and
 * streams by {@link AnthropicChatCompleteStream}. Parameters not in the table are dropped, as
 * Anthropic rejects unknown fields.
 *
 * <p>{@code max_tokens} defaults to {@value #DEFAULT_MAX_TOKENS} (or that much above a larger
 * {@code thinking.budget_tokens}): Anthropic rejects a request without it, and OpenAI clients
 * seldom send one. Portkey leaves it out and lets the call fail.
 */
public final class AnthropicChatComplete implements EndpointTransform {
    static final int DEFAULT_MAX_TOKENS = 4096;

    private static final ParamMapper PARAMS = ParamMapper.builder()
            .copy("model")
            .param(
                    "messages",
                    ParamSpec.to("messages", AnthropicMessages::toMessages),
                    ParamSpec.to("system", AnthropicMessages::toSystem))
            .param("tools", ParamSpec.to("tools", AnthropicChatComplete::toTools))
            // Both write the same computed tool_choice, so either may be present alone.
            .param("tool_choice", ParamSpec.to("tool_choice", AnthropicChatComplete::toToolChoice))
            .param("parallel_tool_calls", ParamSpec.to("tool_choice", AnthropicChatComplete::toToolChoice))
            .param("max_tokens", ParamSpec.to("max_tokens").requiredWithDefault(IntNode.valueOf(DEFAULT_MAX_TOKENS)))
            // Declared after max_tokens so that it wins when both are sent, as in Portkey.
            .param("max_completion_tokens", ParamSpec.to("max_tokens"))
            .param(
                    "temperature",
                    ParamSpec.to("temperature").withDefault(IntNode.valueOf(1)).withRange(0, 1))
            .copy("top_p", "top_k")
            .param("stop", ParamSpec.to("stop_sequences", AnthropicChatComplete::toStopSequences))
            .copy("stream")
            .param("user", ParamSpec.to("metadata.user_id"))
            .copy("thinking")
            .build();

    private final BiFunction<ObjectNode, ProviderRequest, ObjectNode> bodyEdit;

    AnthropicChatComplete() {
        this((body, request) -> body);
    }

    private AnthropicChatComplete(BiFunction<ObjectNode, ProviderRequest, ObjectNode> bodyEdit) {
        this.bodyEdit = bodyEdit;
    }

    /**
     * The same translation for a provider that serves Anthropic's models elsewhere: {@code edit}
     * gets the Messages body made for the call and returns the body to send (for Vertex AI: no
     * {@code model}, which is in the URL, and its own {@code anthropic_version}). Answers, streams
     * and errors name the calling provider.
     */
    public static AnthropicChatComplete withBodyEdit(BiFunction<ObjectNode, ProviderRequest, ObjectNode> edit) {
        return new AnthropicChatComplete(edit);
    }

    @Override
    public JsonNode request(ProviderRequest request) {
        ObjectNode body = PARAMS.map(request);
        raiseDefaultMaxTokensAboveThinkingBudget(request, body);
        return bodyEdit.apply(body, request);
    }

    /**
     * Anthropic wants {@code max_tokens} above {@code thinking.budget_tokens}; when the caller set
     * no limit but a larger budget, the default leaves {@value #DEFAULT_MAX_TOKENS} tokens for the
     * answer after the thinking instead of a limit Anthropic would refuse.
     */
    private static void raiseDefaultMaxTokensAboveThinkingBudget(ProviderRequest request, ObjectNode body) {
        ObjectNode params = request.params();
        JsonNode budget = params.path("thinking").path("budget_tokens");
        boolean callerSetALimit = params.hasNonNull("max_tokens") || params.hasNonNull("max_completion_tokens");
        if (!callerSetALimit && budget.canConvertToLong() && budget.asLong() >= DEFAULT_MAX_TOKENS) {
            body.put("max_tokens", budget.asLong() + DEFAULT_MAX_TOKENS);
        }
    }

    @Override
    public JsonNode response(JsonNode providerBody, ProviderRequest request) {
        return AnthropicChatCompleteResponse.toOpenAi(providerBody, request);
    }

    @Override
    public ObjectNode error(int status, byte[] body, ProviderRequest request) {
        return AnthropicChatCompleteResponse.error(status, body, request);
    }

    @Override
    public StreamTransform stream(ProviderRequest request) {
        return new AnthropicChatCompleteStream(request);
    }

    /**
     * OpenAI {@code tools} to Anthropic tools: a function becomes {@code {name, description,
     * input_schema}} with its whole JSON schema kept; any other tool type {@code t} is Portkey's
     * form for Anthropic's own tools, {@code {type: t, t: {name: <anthropic type>, ...options}}}.
     */
    static JsonNode toTools(ProviderRequest request) {
        ArrayNode tools = Json.array();
        for (JsonNode tool : request.params().path("tools")) {
            JsonNode function = tool.get("function");
            ObjectNode out;
            if (function instanceof ObjectNode) {
                out = functionTool(function);
            } else if (tool.path("type").isTextual()) {
                out = builtInTool(tool);
            } else {
                continue;
            }
            copyIfPresent(tool, "cache_control", out);
            tools.add(out);
        }
        return tools;
    }

    private static ObjectNode functionTool(JsonNode function) {
        ObjectNode out = Json.object();
        out.put("name", function.path("name").asText(""));
        copyIfPresent(function, "description", out);
        ObjectNode schema =
                function.get("parameters") instanceof ObjectNode parameters ? parameters.deepCopy() : Json.object();
        if (!schema.has("type")) {
            schema.put("type", "object");
        }
        if (!schema.has("properties")) {
            schema.putObject("properties");
        }
        out.set("input_schema", schema);
        copyIfPresent(function, "defer_loading", out);
        copyIfPresent(function, "allowed_callers", out);
        copyIfPresent(function, "input_examples", out);
        return out;
    }

    private static ObjectNode builtInTool(JsonNode tool) {
        String type = tool.get("type").asText();
        ObjectNode out = tool.get(type) instanceof ObjectNode options ? options.deepCopy() : Json.object();
        JsonNode anthropicType = out.remove("name");
        out.put("name", type);
        if (anthropicType != null) {
            out.set("type", anthropicType);
        }
        return out;
    }

    /**
     * {@code tool_choice}: {@code required} → {@code any}, {@code auto} and {@code none} keep their
     * names, a named function → {@code {type:"tool", name}}. {@code parallel_tool_calls: false} adds
     * {@code disable_parallel_tool_use} (Anthropic has no such flag on {@code none}), with
     * {@code auto} assumed when only the flag is sent alongside tools.
     */
    static JsonNode toToolChoice(ProviderRequest request) {
        ObjectNode params = request.params();
        JsonNode choice = params.get("tool_choice");
        boolean serial = params.path("parallel_tool_calls").isBoolean()
                && !params.get("parallel_tool_calls").asBoolean();
        String type;
        String name = null;
        if (choice == null || choice.isNull()) {
            if (!serial || params.path("tools").isEmpty()) {
                return null;
            }
            type = "auto";
        } else if (choice.isTextual()) {
            type = switch (choice.asText()) {
                case "required" -> "any";
                case "auto" -> "auto";
                case "none" -> "none";
                default -> null;
            };
        } else {
            name = Json.textOrNull(choice.path("function"), "name");
            type = name == null ? null : "tool";
        }
        if (type == null) {
            return null;
        }
        ObjectNode out = Json.object().put("type", type);
        if (name != null) {
            out.put("name", name);
        }
        if (serial && !type.equals("none")) {
            out.put("disable_parallel_tool_use", true);
        }
        return out;
    }

    /** {@code stop} as a list: Anthropic's {@code stop_sequences} takes no bare string. */
    static JsonNode toStopSequences(ProviderRequest request) {
        JsonNode stop = request.params().get("stop");
        if (stop.isTextual()) {
            return Json.array().add(stop.asText());
        }
        return stop.isArray() ? stop : null;
    }

    private static void copyIfPresent(JsonNode from, String field, ObjectNode to) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(field, value.deepCopy());
        }
    }
}
