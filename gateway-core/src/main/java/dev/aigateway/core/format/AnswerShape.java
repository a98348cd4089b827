package dev.aigateway.core.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.internal.Json;
import java.io.IOException;
import java.util.Optional;

/**
 * What a 2xx answer must hold to be an answer: one top-level array field ({@code choices} for chat
 * completions and completions, {@code data} for embeddings, {@code output} for Responses,
 * {@code content} for Anthropic's Messages) or, for a count, one integer field. An upstream
 * that answers 200 with an error (its own, or another provider's format behind a proxy) or with
 * {@code {}} has not answered, and the caller must not get a 200 for it. Routes whose answers
 * have no such field (a file, a batch) need only a JSON object; text answers (a transcription as
 * {@code text} or {@code srt}) and bytes are not checked.
 */
final class AnswerShape {
    private static final int MAX_DETAIL = 300;

    /** Every body is an answer. */
    static final AnswerShape ANY = new AnswerShape(null, JsonToken.START_ARRAY, false);

    /** Any JSON object is an answer. */
    static final AnswerShape OBJECT = new AnswerShape(null, JsonToken.START_ARRAY, true);

    /** The field every answer has, or null. */
    private final String field;
    /** What that field holds: an array, or an integer (a count). */
    private final JsonToken kind;
    /** Whether the answer must be a JSON object; text and bytes are not checked. */
    private final boolean object;

    /** @param field the array field every answer has */
    AnswerShape(String field) {
        this(field, JsonToken.START_ARRAY, true);
    }

    private AnswerShape(String field, JsonToken kind, boolean object) {
        this.field = field;
        this.kind = kind;
        this.object = object;
    }

    /** Answers that hold an integer {@code field}, e.g. a token count. */
    static AnswerShape count(String field) {
        return new AnswerShape(field, JsonToken.VALUE_NUMBER_INT, true);
    }

    /** Whether an answer, as a tree, has the shape. */
    boolean holds(JsonNode answer) {
        if (!object) {
            return true;
        }
        if (!answer.isObject() || field == null) {
            return answer.isObject();
        }
        JsonNode value = answer.path(field);
        return kind == JsonToken.START_ARRAY ? value.isArray() : value.isIntegralNumber();
    }

    /**
     * The same check on bytes relayed without parsing: reads only the top-level field names,
     * skipping every value unread, and stops at the required array. No tree is built.
     */
    boolean holds(byte[] body) {
        if (!object) {
            return true;
        }
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            if (field == null) {
                return true;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == kind && name.equals(field)) {
                    return true;
                }
                parser.skipChildren();
            }
            return false;
        } catch (IOException e) {
            return false; // not JSON
        }
    }

    /**
     * Why a 2xx body is not an answer, for the caller: the error message it carries when it carries
     * one (shortened), else which field is missing.
     */
    String problem(byte[] body) {
        JsonNode json = Json.parseOrNull(body);
        if (json == null) {
            return "the body is not JSON";
        }
        String missing = field == null
                ? "the answer is not a JSON object"
                : "the answer has no `" + field + "` " + (kind == JsonToken.START_ARRAY ? "array" : "count");
        return errorMessage(json)
                .map(message -> missing + "; it holds an error: " + message)
                .orElse(missing);
    }

    private static Optional<String> errorMessage(JsonNode json) {
        JsonNode error = json.path("error");
        JsonNode message = error.isTextual() ? error : error.path("message");
        if (!message.isTextual()) {
            message = json.path("message");
        }
        if (!message.isTextual() || message.asText().isBlank()) {
            return error.isMissingNode() ? Optional.empty() : Optional.of(abbreviate(Json.text(error)));
        }
        return Optional.of(abbreviate(message.asText()));
    }

    private static String abbreviate(String text) {
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "..." : text;
    }
}
