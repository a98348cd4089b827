package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.hooks.HookEvent;
import dev.aigateway.core.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code default.addPrefix}: puts {@code prefix} before the request's text. On chat and messages,
 * before the first message of {@code applyToRole} ({@code user} by default), or in a new message
 * of that role ({@code addToExisting: false}, or no such message; a new system message goes
 * first), and only when that message is empty with {@code onlyIfEmpty}; on completions, before the
 * prompt. Before the request only; elsewhere it passes and changes nothing.
 */
final class AddPrefix implements Check {
    static final String DEFAULT_PREFIX = "Please respond helpfully and accurately to the following: ";

    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        String type = context.requestType();
        if (context.event() != HookEvent.BEFORE_REQUEST
                || !List.of("complete", "chatComplete", "messages").contains(type)) {
            return CheckOutcome.of(true, CheckOutcome.noData());
        }
        JsonNode prefixNode =
                Params.orDefault(parameters, "prefix", Json.object().textNode(DEFAULT_PREFIX));
        if (!prefixNode.isTextual() || prefixNode.asText().isEmpty()) {
            return CheckOutcome.failed(
                    true,
                    CheckError.message("Prefix parameter is required and must be a string"),
                    CheckOutcome.noData());
        }
        String prefix = prefixNode.asText();
        String role = Params.textOr(parameters, "applyToRole", "user");
        boolean addToExisting = !parameters.path("addToExisting").isBoolean()
                || parameters.get("addToExisting").asBoolean();
        boolean onlyIfEmpty = parameters.path("onlyIfEmpty").asBoolean(false);
        Optional<ObjectNode> rewritten = type.equals("complete")
                ? prefixFirst(context, prefix)
                : chat(context, prefix, role, addToExisting, onlyIfEmpty);
        ObjectNode data = Json.object();
        data.put("prefix", prefix);
        data.put("requestType", type);
        data.put("applyToRole", role);
        data.put("addToExisting", addToExisting);
        data.put("onlyIfEmpty", onlyIfEmpty);
        CheckOutcome outcome = CheckOutcome.of(true, data);
        return rewritten.map(outcome::withRequest).orElse(outcome).markedTransformed(true);
    }

    /** The first text of the current content part, prefixed. */
    private static Optional<ObjectNode> prefixFirst(CheckContext context, String prefix) {
        ContentPart part = ContentPart.of(context);
        if (!part.present()) {
            return Optional.empty();
        }
        List<String> texts = new ArrayList<>(part.texts());
        if (texts.isEmpty()) {
            return Optional.empty();
        }
        texts.set(0, prefix + (texts.get(0) == null ? "" : texts.get(0)));
        return ContentPart.rewrite(context, texts);
    }

    private static Optional<ObjectNode> chat(
            CheckContext context, String prefix, String role, boolean addToExisting, boolean onlyIfEmpty) {
        ObjectNode json = context.request().deepCopy();
        ArrayNode messages =
                json.path("messages").isArray() ? (ArrayNode) json.get("messages") : json.putArray("messages");
        int target = -1;
        for (int i = 0; i < messages.size(); i++) {
            if (role.equals(messages.get(i).path("role").asText(null))) {
                target = i;
                break;
            }
        }
        boolean messagesApi = context.requestType().equals("messages");
        if (target < 0) {
            ObjectNode added = newMessage(role, prefix, messagesApi);
            if (role.equals("system")) {
                messages.insert(0, added);
            } else {
                messages.add(added);
            }
            return Optional.of(json);
        }
        JsonNode content = messages.get(target).path("content");
        boolean empty =
                content.isTextual() && content.asText().strip().isEmpty() || content.isArray() && content.isEmpty();
        if (onlyIfEmpty && !empty) {
            return Optional.of(json);
        }
        if (!addToExisting) {
            messages.insert(target, newMessage(role, prefix, messagesApi));
            return Optional.of(json);
        }
        if (target == messages.size() - 1) {
            return prefixFirst(context, prefix);
        }
        ((ObjectNode) messages.get(target)).set("content", prefixed(content, prefix));
        return Optional.of(json);
    }

    private static JsonNode prefixed(JsonNode content, String prefix) {
        if (content.isMissingNode() || content.isNull() || content.isTextual()) {
            return Json.object().textNode(prefix + content.asText(""));
        }
        if (content.isArray()) {
            ArrayNode copy = content.deepCopy();
            if (!copy.isEmpty() && copy.get(0).path("type").asText("").equals("text")) {
                ((ObjectNode) copy.get(0))
                        .put("text", prefix + copy.get(0).path("text").asText(""));
                return copy;
            }
            ArrayNode withPrefix = Json.array();
            withPrefix.addObject().put("type", "text").put("text", prefix);
            withPrefix.addAll(copy);
            return withPrefix;
        }
        return Json.object().textNode(prefix + content);
    }

    private static ObjectNode newMessage(String role, String prefix, boolean messagesApi) {
        ObjectNode message = Json.object().put("role", role);
        if (messagesApi) {
            message.putArray("content").addObject().put("type", "text").put("text", prefix);
        } else {
            message.put("content", prefix);
        }
        return message;
    }
}
