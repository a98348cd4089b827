package dev.aigateway.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.stream.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * OpenAI's chat completion chunks and {@code chat.completion}, or completion chunks and
 * {@code text_completion}, turned into each other: text fields are joined, tool calls gathered by
 * their index, the last {@code finish_reason} and {@code usage} kept. A complete answer streams
 * as one chunk per choice holding its whole message, a chunk with its {@code finish_reason}, and
 * the usage chunk when asked for.
 */
final class OpenAiStreamAssembly implements StreamAssembly {
    static final OpenAiStreamAssembly CHAT = new OpenAiStreamAssembly(true);
    static final OpenAiStreamAssembly COMPLETIONS = new OpenAiStreamAssembly(false);

    private static final List<String> TOP_FIELDS =
            List.of("id", "created", "model", "system_fingerprint", "service_tier");

    private final boolean chat;

    private OpenAiStreamAssembly(boolean chat) {
        this.chat = chat;
    }

    @Override
    public Optional<ObjectNode> assemble(List<SseEvent> events) {
        ObjectNode answer = Json.object();
        Map<Integer, Choice> choices = new TreeMap<>();
        JsonNode usage = null;
        for (SseEvent event : events) {
            JsonNode chunk = event.json();
            if (!chunk.isObject() || chunk.has("error")) {
                return Optional.empty();
            }
            for (String field : TOP_FIELDS) {
                if (!answer.hasNonNull(field) && chunk.hasNonNull(field)) {
                    answer.set(field, chunk.get(field));
                }
            }
            for (JsonNode choice : chunk.path("choices")) {
                choices.computeIfAbsent(choice.path("index").asInt(0), Choice::new)
                        .add(choice, chat);
            }
            if (chunk.hasNonNull("usage")) {
                usage = chunk.get("usage");
            }
        }
        if (choices.isEmpty() || !answer.has("id")) {
            return Optional.empty();
        }
        answer.put("object", chat ? "chat.completion" : "text_completion");
        ArrayNode out = answer.putArray("choices");
        choices.values().forEach(choice -> out.add(choice.toAnswer(chat)));
        if (usage != null) {
            answer.set("usage", usage);
        }
        return Optional.of(reordered(answer));
    }

    @Override
    public Optional<List<SseEvent>> disassemble(JsonNode answer, boolean includeUsage) {
        if (!answer.isObject() || !answer.path("choices").isArray()) {
            return Optional.empty();
        }
        List<SseEvent> events = new ArrayList<>();
        for (JsonNode choice : answer.get("choices")) {
            ObjectNode whole = chunk(answer);
            ObjectNode part = whole.putArray("choices").addObject();
            part.set("index", choice.path("index"));
            if (chat) {
                part.set("delta", delta(choice.path("message")));
            } else {
                part.set("text", choice.path("text"));
            }
            part.set("logprobs", choice.has("logprobs") ? choice.get("logprobs") : Json.MAPPER.nullNode());
            part.putNull("finish_reason");
            events.add(SseEvent.json(whole));
            ObjectNode end = chunk(answer);
            ObjectNode last = end.putArray("choices").addObject();
            last.set("index", choice.path("index"));
            if (chat) {
                last.putObject("delta");
            } else {
                last.put("text", "");
            }
            last.putNull("logprobs");
            last.set("finish_reason", choice.path("finish_reason"));
            events.add(SseEvent.json(end));
        }
        if (includeUsage && answer.hasNonNull("usage")) {
            ObjectNode usage = chunk(answer);
            usage.putArray("choices");
            usage.set("usage", answer.get("usage"));
            events.add(SseEvent.json(usage));
        }
        return Optional.of(events);
    }

    private ObjectNode chunk(JsonNode answer) {
        ObjectNode chunk = Json.object();
        chunk.set("id", answer.path("id"));
        chunk.put("object", chat ? "chat.completion.chunk" : "text_completion");
        chunk.set("created", answer.path("created"));
        chunk.set("model", answer.path("model"));
        if (answer.hasNonNull("system_fingerprint")) {
            chunk.set("system_fingerprint", answer.get("system_fingerprint"));
        }
        return chunk;
    }

    /** A whole message as one delta; each tool call gets the index chunks carry. */
    private static ObjectNode delta(JsonNode message) {
        ObjectNode delta = message.isObject() ? ((ObjectNode) message).deepCopy() : Json.object();
        if (!delta.has("role")) {
            delta.put("role", "assistant");
        }
        JsonNode calls = delta.path("tool_calls");
        if (calls.isArray()) {
            for (int i = 0; i < calls.size(); i++) {
                if (calls.get(i) instanceof ObjectNode call) {
                    ObjectNode indexed = Json.object().put("index", i);
                    indexed.setAll(call);
                    ((ArrayNode) calls).set(i, indexed);
                }
            }
        }
        return delta;
    }

    /** {@code id} and {@code object} first, as OpenAI writes them. */
    private static ObjectNode reordered(ObjectNode answer) {
        ObjectNode ordered = Json.object();
        ordered.set("id", answer.get("id"));
        ordered.set("object", answer.get("object"));
        ordered.setAll(answer);
        return ordered;
    }

    /** One choice, gathered from its chunks. */
    private static final class Choice {
        private final int index;
        private final ObjectNode message = Json.object();
        private final Map<String, StringBuilder> texts = new TreeMap<>();
        private final Map<Integer, ToolCall> toolCalls = new TreeMap<>();
        private final ArrayNode logprobContent = Json.array();
        private JsonNode finishReason = Json.MAPPER.nullNode();

        Choice(int index) {
            this.index = index;
        }

        void add(JsonNode choice, boolean chat) {
            if (chat) {
                choice.path("delta").properties().forEach(field -> addDelta(field.getKey(), field.getValue()));
            } else if (choice.path("text").isTextual()) {
                texts.computeIfAbsent("text", k -> new StringBuilder())
                        .append(choice.get("text").asText());
            }
            choice.path("logprobs").path("content").forEach(logprobContent::add);
            if (choice.hasNonNull("finish_reason")) {
                finishReason = choice.get("finish_reason");
            }
        }

        private void addDelta(String field, JsonNode value) {
            if (field.equals("role")) {
                if (!message.has("role") && value.isTextual()) {
                    message.set("role", value);
                }
            } else if (field.equals("tool_calls")) {
                for (JsonNode call : value) {
                    toolCalls
                            .computeIfAbsent(call.path("index").asInt(0), i -> new ToolCall())
                            .add(call);
                }
            } else if (value.isTextual()) {
                texts.computeIfAbsent(field, k -> new StringBuilder()).append(value.asText());
            } else if (!value.isNull()) {
                message.set(field, value);
            }
        }

        ObjectNode toAnswer(boolean chat) {
            ObjectNode out = Json.object().put("index", index);
            if (chat) {
                ObjectNode whole = out.putObject("message");
                whole.put("role", message.path("role").asText("assistant"));
                StringBuilder content = texts.get("content");
                whole.put("content", content == null ? null : content.toString());
                texts.forEach((field, text) -> {
                    if (!field.equals("content")) {
                        whole.put(field, text.toString());
                    }
                });
                message.properties().forEach(field -> {
                    if (!field.getKey().equals("role")) {
                        whole.set(field.getKey(), field.getValue());
                    }
                });
                if (!toolCalls.isEmpty()) {
                    ArrayNode calls = whole.putArray("tool_calls");
                    toolCalls.values().forEach(call -> calls.add(call.toAnswer()));
                }
            } else {
                StringBuilder text = texts.get("text");
                out.put("text", text == null ? "" : text.toString());
            }
            if (logprobContent.isEmpty()) {
                out.putNull("logprobs");
            } else {
                out.putObject("logprobs").set("content", logprobContent);
            }
            out.set("finish_reason", finishReason);
            return out;
        }
    }

    /** One tool call, gathered from its fragments: the id, type and name once, the arguments joined. */
    private static final class ToolCall {
        private final ObjectNode call = Json.object();
        private final StringBuilder arguments = new StringBuilder();
        private String name;

        void add(JsonNode fragment) {
            for (String field : List.of("id", "type")) {
                if (fragment.hasNonNull(field) && !call.has(field)) {
                    call.set(field, fragment.get(field));
                }
            }
            JsonNode function = fragment.path("function");
            if (function.hasNonNull("name") && name == null) {
                name = function.get("name").asText();
            }
            if (function.path("arguments").isTextual()) {
                arguments.append(function.get("arguments").asText());
            }
        }

        ObjectNode toAnswer() {
            ObjectNode out = call.deepCopy();
            if (!out.has("type")) {
                out.put("type", "function");
            }
            ObjectNode function = out.putObject("function");
            function.put("name", name);
            function.put("arguments", arguments.toString());
            return out;
        }
    }
}
