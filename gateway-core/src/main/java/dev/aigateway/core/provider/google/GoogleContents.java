package dev.aigateway.core.provider.google;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.internal.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI {@code messages} as Gemini {@code contents} (Portkey's {@code messages → contents}
 * transform). Roles: {@code assistant} becomes {@code model}; {@code user} stays {@code user};
 * {@code system} and {@code developer} go to {@link #systemInstruction}; {@code tool}
 * (and the legacy {@code function}) becomes a {@code user} turn holding only {@code functionResponse}
 * parts.
 *
 * <p>Portkey sends tool results with role {@code function}. Gemini's API reference allows only
 * {@code user} and {@code model}, and its current function-calling guide sends function responses as
 * {@code user}; both are accepted today, so the documented role is used. Consecutive messages of one
 * role are merged into one turn (so all results of one round of calls form one turn, as Gemini wants
 * one response part per call part), except that function responses never share a turn with other
 * parts: Gemini matches a function-response turn against the preceding function-call turn, and
 * clients report 400s when text was mixed into it.
 */
final class GoogleContents {
    /** Portkey's name for a tool result whose function cannot be determined. */
    static final String FILLER_FUNCTION_NAME = "gateway-tool-filler-name";

    private final Map<String, String> functionNamesByCallId;
    private final List<Turn> turns = new ArrayList<>();

    private record Turn(String role, boolean functionResponses, ArrayNode parts) {}

    private GoogleContents(Map<String, String> functionNamesByCallId) {
        this.functionNamesByCallId = functionNamesByCallId;
    }

    /** The {@code contents} array for {@code messages}. */
    static ArrayNode of(JsonNode messages) {
        GoogleContents contents = new GoogleContents(functionNamesByCallId(messages));
        for (JsonNode message : messages) {
            contents.add(message);
        }
        ArrayNode out = Json.array();
        for (Turn turn : contents.turns) {
            out.addObject().put("role", turn.role()).set("parts", turn.parts());
        }
        return out;
    }

    /**
     * Every {@code system} and {@code developer} message's text, in order, as one
     * {@code systemInstruction}; {@code null} when there is none. Portkey takes only the first
     * message, and only when it is the first of the conversation; later instructions were lost.
     */
    static ObjectNode systemInstruction(JsonNode messages) {
        ArrayNode parts = Json.array();
        for (JsonNode message : messages) {
            String role = message.path("role").asText("");
            if (role.equals("system") || role.equals("developer")) {
                for (JsonNode part : GoogleParts.of(message.get("content"))) {
                    if (part.has("text")) {
                        parts.add(part); // Gemini's system instruction holds text only
                    }
                }
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        ObjectNode instruction = Json.object();
        instruction.set("parts", parts);
        return instruction;
    }

    /** Tool results name only the call id; Gemini wants the function name, so find it in earlier calls. */
    private static Map<String, String> functionNamesByCallId(JsonNode messages) {
        Map<String, String> names = new HashMap<>();
        for (JsonNode message : messages) {
            for (JsonNode call : message.path("tool_calls")) {
                String name = call.path("function").path("name").asText("");
                if (call.hasNonNull("id") && !name.isEmpty()) {
                    names.put(call.get("id").asText(), name);
                }
            }
        }
        return names;
    }

    private void add(JsonNode message) {
        switch (message.path("role").asText("")) {
            case "system", "developer" -> {} // sent as systemInstruction
            case "assistant" -> append("model", false, modelParts(message));
            case "tool", "function" -> append("user", true, functionResponse(message));
            default -> append("user", false, GoogleParts.of(message.get("content")));
        }
    }

    private void append(String role, boolean functionResponses, ArrayNode parts) {
        if (parts.isEmpty()) {
            return; // Gemini rejects a turn without parts
        }
        Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && last.role().equals(role) && last.functionResponses() == functionResponses) {
            last.parts().addAll(parts);
        } else {
            turns.add(new Turn(role, functionResponses, parts));
        }
    }

    /** Text first, then one {@code functionCall} per tool call (Portkey drops the text). */
    private static ArrayNode modelParts(JsonNode message) {
        ArrayNode parts = GoogleParts.of(message.get("content"));
        for (JsonNode call : message.path("tool_calls")) {
            parts.add(functionCall(call.path("function"), thoughtSignature(call)));
        }
        JsonNode legacyCall = message.get("function_call");
        if (legacyCall != null && legacyCall.isObject()) {
            parts.add(functionCall(legacyCall, null));
        }
        return parts;
    }

    private static ObjectNode functionCall(JsonNode function, String thoughtSignature) {
        ObjectNode part = Json.object();
        ObjectNode call = part.putObject("functionCall");
        call.put("name", function.path("name").asText(""));
        call.set("args", arguments(function.get("arguments")));
        if (thoughtSignature != null) {
            part.put("thoughtSignature", thoughtSignature);
        }
        return part;
    }

    /**
     * Gemini 3 needs the signature it attached to a function call back with the call. Accepted where
     * Portkey puts it ({@code function.thought_signature}), where Gemini's own OpenAI-compatible
     * API does ({@code extra_content.google.thought_signature}) and where this gateway carries it
     * for strict OpenAI clients: inside the call's {@code id} ({@link ThoughtSignatures}).
     */
    private static String thoughtSignature(JsonNode toolCall) {
        String portkey = Json.textOrNull(toolCall.path("function"), "thought_signature");
        if (portkey != null) {
            return portkey;
        }
        String gemini = Json.textOrNull(toolCall.path("extra_content").path("google"), "thought_signature");
        return gemini != null ? gemini : ThoughtSignatures.fromId(Json.textOrNull(toolCall, "id"));
    }

    /** OpenAI sends arguments as a JSON string; Gemini wants the object. */
    private static JsonNode arguments(JsonNode arguments) {
        if (arguments == null || arguments.isNull()) {
            return Json.object();
        }
        if (arguments.isObject()) {
            return arguments.deepCopy();
        }
        String text = arguments.asText("");
        if (text.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode parsed = Json.parse(text);
            if (parsed.isObject()) {
                return parsed;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw GatewayException.badRequest("tool call arguments must be a JSON object");
    }

    private ArrayNode functionResponse(JsonNode message) {
        String name = functionNamesByCallId.get(message.path("tool_call_id").asText(""));
        if (name == null) {
            name = message.path("name").asText(FILLER_FUNCTION_NAME);
        }
        ArrayNode parts = Json.array();
        ObjectNode response = parts.addObject().putObject("functionResponse");
        response.put("name", name);
        response.putObject("response").put("output", GoogleParts.text(message.get("content")));
        return parts;
    }
}
