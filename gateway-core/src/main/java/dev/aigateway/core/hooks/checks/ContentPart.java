package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.HookEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of a request or answer that checks read and rewrite, as Portkey's plugins find it: the
 * last message's content (chat, messages), the prompt (completions) or the input (embeddings)
 * before the request; the first choice's content, its text, or the content blocks after it.
 *
 * @param content the part itself; empty when there is none (a stream's answer)
 * @param texts its texts, one per content part; an entry is null where a part has no text
 */
record ContentPart(Optional<JsonNode> content, List<String> texts) {
    static ContentPart of(CheckContext context) {
        return context.event() == HookEvent.BEFORE_REQUEST
                ? request(context.request(), context.requestType())
                : context.response()
                        .map(r -> response(r, context.requestType()))
                        .orElse(none());
    }

    /** The texts that are not empty, joined by new lines, as Portkey's {@code getText}. */
    String text() {
        List<String> present =
                texts.stream().filter(t -> t != null && !t.isEmpty()).toList();
        return String.join("\n", present);
    }

    /** Whether the part is there and not empty, as a JavaScript truthiness test of it. */
    boolean present() {
        return content.filter(c -> !c.isNull() && !(c.isTextual() && c.asText().isEmpty()))
                .isPresent();
    }

    private static ContentPart none() {
        return new ContentPart(Optional.empty(), List.of());
    }

    private static ContentPart request(ObjectNode json, String type) {
        switch (type) {
            case "chatComplete", "messages" -> {
                JsonNode messages = json.path("messages");
                if (!messages.isArray() || messages.isEmpty()) {
                    return none();
                }
                JsonNode content = messages.get(messages.size() - 1).path("content");
                return of(content, true);
            }
            case "complete" -> {
                return of(json.path("prompt"), false);
            }
            case "embed" -> {
                return of(json.path("input"), false);
            }
            default -> {
                return none();
            }
        }
    }

    private static ContentPart response(ObjectNode json, String type) {
        switch (type) {
            case "chatComplete" -> {
                JsonNode content = json.path("choices").path(0).path("message").path("content");
                return new ContentPart(Optional.of(content), singleton(content));
            }
            case "complete" -> {
                JsonNode text = json.path("choices").path(0).path("text");
                return new ContentPart(Optional.of(text), singleton(text));
            }
            case "messages" -> {
                return of(json.path("content"), true);
            }
            default -> {
                return none();
            }
        }
    }

    /** A part that is a string or an array of parts ({@code parts}: objects with a text). */
    private static ContentPart of(JsonNode content, boolean parts) {
        if (content.isMissingNode()) {
            return new ContentPart(Optional.empty(), List.of());
        }
        if (content.isArray()) {
            List<String> texts = new ArrayList<>();
            for (JsonNode item : content) {
                if (parts) {
                    texts.add(item.path("text").asText(""));
                } else {
                    texts.add(item.isTextual() ? item.asText() : item.toString());
                }
            }
            return new ContentPart(Optional.of(content), texts);
        }
        return new ContentPart(Optional.of(content), singleton(content));
    }

    private static List<String> singleton(JsonNode node) {
        List<String> texts = new ArrayList<>();
        texts.add(node.isTextual() ? node.asText() : null);
        return texts;
    }

    /**
     * The request (before) or answer (after) with this part's texts replaced by {@code replaced},
     * as Portkey's {@code setCurrentContentPart}: a null or empty entry keeps the text that was
     * there. Empty when nothing can be rewritten.
     */
    static Optional<ObjectNode> rewrite(CheckContext context, List<String> replaced) {
        if (replaced.isEmpty()) {
            return Optional.empty();
        }
        boolean before = context.event() == HookEvent.BEFORE_REQUEST;
        ObjectNode json = before ? context.request() : context.response().orElse(null);
        if (json == null) {
            return Optional.empty();
        }
        ObjectNode copy = json.deepCopy();
        String type = context.requestType();
        if (before && (type.equals("chatComplete") || type.equals("messages"))) {
            JsonNode messages = copy.path("messages");
            if (!messages.isArray() || messages.isEmpty()) {
                return Optional.empty();
            }
            ObjectNode last = (ObjectNode) messages.get(messages.size() - 1);
            replaceParts(last, "content", replaced);
        } else if (before && type.equals("complete")) {
            JsonNode prompt = copy.path("prompt");
            if (prompt.isArray()) {
                ArrayNode array = (ArrayNode) prompt;
                for (int i = 0; i < replaced.size() && i < array.size(); i++) {
                    if (nonEmpty(replaced.get(i))) {
                        array.set(i, TextNode.valueOf(replaced.get(i)));
                    }
                }
            } else {
                copy.put("prompt", replaced.get(0));
            }
        } else if (!before && type.equals("chatComplete")) {
            JsonNode message = copy.path("choices").path(0).path("message");
            if (!message.isObject()) {
                return Optional.empty();
            }
            if (nonEmpty(replaced.get(0))) {
                ((ObjectNode) message).put("content", replaced.get(0));
            }
        } else if (!before && type.equals("complete")) {
            JsonNode choices = copy.path("choices");
            if (!choices.isArray() || choices.isEmpty()) {
                return Optional.empty();
            }
            if (nonEmpty(replaced.get(0))) {
                ((ObjectNode) choices.get(choices.size() - 1)).put("text", replaced.get(0));
            }
        } else if (!before && type.equals("messages")) {
            replaceParts(copy, "content", replaced);
        } else {
            return Optional.empty();
        }
        return Optional.of(copy);
    }

    private static void replaceParts(ObjectNode holder, String field, List<String> replaced) {
        JsonNode content = holder.path(field);
        if (content.isArray()) {
            for (int i = 0; i < content.size() && i < replaced.size(); i++) {
                if (nonEmpty(replaced.get(i)) && content.get(i) instanceof ObjectNode part) {
                    part.put("text", replaced.get(i));
                }
            }
        } else if (nonEmpty(replaced.get(0))) {
            holder.put(field, replaced.get(0));
        }
    }

    private static boolean nonEmpty(String text) {
        return text != null && !text.isEmpty();
    }
}
