package dev.aigateway.server.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aigateway.core.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A Cohere v2 upstream speaking the real wire format, and strict about what it is sent, as Cohere
 * is: the key in {@code Authorization: Bearer} (none: 401, a wrong one: Cohere's 498), no OpenAI
 * fields it does not know (422), {@code input_type} and float {@code embedding_types} on embed.
 *
 * <ul>
 *   <li>{@code /v2/chat} with tools and no tool result yet: a call to the first tool with
 *       {@code {"city":"Paris"}}; with a tool result: {@code "It is <result> in Paris."}; with
 *       {@code documents}: an answer quoting the first document, with a citation; otherwise
 *       {@value #ANSWER}. Streams send the same as Cohere's events.
 *   <li>{@code /v2/embed}: per text the vector {@code [length, 0.5, -0.25]}.
 * </ul>
 */
public final class FakeCohere extends Dispatcher {
    public static final String ANSWER = "Hello from Command A.";

    private static final Set<String> CHAT_FIELDS = Set.of(
            "model",
            "messages",
            "tools",
            "strict_tools",
            "tool_choice",
            "max_tokens",
            "stop_sequences",
            "temperature",
            "seed",
            "frequency_penalty",
            "presence_penalty",
            "logprobs",
            "p",
            "k",
            "response_format",
            "documents",
            "citation_options",
            "safety_mode",
            "priority",
            "thinking",
            "stream");

    private final String validKey;

    public FakeCohere(String validKey) {
        this.validKey = validKey;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String auth = request.getHeaders().get("authorization");
        if (auth == null) {
            return error(401, "no api key supplied");
        }
        if (!Objects.equals(auth, "Bearer " + validKey)) {
            return error(498, "invalid api token");
        }
        JsonNode body;
        try {
            body = Json.parse(request.getBody().utf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return switch (request.getTarget()) {
            case "/v2/chat" -> chat(body);
            case "/v2/embed" -> embed(body);
            default -> error(404, "not found");
        };
    }

    private MockResponse chat(JsonNode body) {
        for (var field : (Iterable<String>) body::fieldNames) {
            if (!CHAT_FIELDS.contains(field)) {
                return error(422, "invalid request: unknown field: parameter " + field + " is not a valid field");
            }
        }
        JsonNode messages = body.path("messages");
        JsonNode last = messages.get(messages.size() - 1);
        boolean stream = body.path("stream").asBoolean(false);
        if (body.path("tools").size() > 0 && !"tool".equals(last.path("role").asText())) {
            String name = body.at("/tools/0/function/name").asText();
            return stream ? sse(toolCallEvents(name)) : json(toolCallAnswer(name));
        }
        String text;
        ArrayNode citations = null;
        if ("tool".equals(last.path("role").asText())) {
            text = "It is " + last.path("content").asText() + " in Paris.";
        } else if (body.path("documents").size() > 0) {
            JsonNode doc = body.path("documents").get(0);
            String quoted = doc.isTextual()
                    ? doc.asText()
                    : doc.path("data").path("text").asText();
            text = "The documents say: " + quoted;
            citations = Json.array();
            citations
                    .addObject()
                    .put("start", 19)
                    .put("end", 19 + quoted.length())
                    .put("text", quoted);
        } else {
            text = ANSWER;
        }
        return stream ? sse(textEvents(text)) : json(textAnswer(text, citations));
    }

    private static String textAnswer(String text, ArrayNode citations) {
        ObjectNode answer = Json.object().put("id", "chat-1").put("finish_reason", "COMPLETE");
        ObjectNode message = answer.putObject("message").put("role", "assistant");
        message.putArray("content").addObject().put("type", "text").put("text", text);
        if (citations != null) {
            message.set("citations", citations);
        }
        answer.set("usage", usage(12, 6));
        return Json.text(answer);
    }

    private static String toolCallAnswer(String name) {
        ObjectNode answer = Json.object().put("id", "chat-2").put("finish_reason", "TOOL_CALL");
        ObjectNode message = answer.putObject("message").put("role", "assistant");
        message.put("tool_plan", "I will look this up.");
        ObjectNode call = message.putArray("tool_calls")
                .addObject()
                .put("id", name + "_1")
                .put("type", "function");
        call.putObject("function").put("name", name).put("arguments", "{\"city\":\"Paris\"}");
        answer.set("usage", usage(30, 10));
        return Json.text(answer);
    }

    private static String textEvents(String text) {
        int half = text.length() / 2;
        return event(
                        "message-start",
                        "{\"id\":\"chat-3\",\"type\":\"message-start\",\"delta\":{\"message\":{\"role\":\"assistant\"}}}")
                + event(
                        "content-start",
                        "{\"type\":\"content-start\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"type\":\"text\",\"text\":\"\"}}}}")
                + contentDelta(text.substring(0, half))
                + contentDelta(text.substring(half))
                + event("content-end", "{\"type\":\"content-end\",\"index\":0}")
                + messageEnd("COMPLETE", 12, 6);
    }

    private static String toolCallEvents(String name) {
        return event(
                        "message-start",
                        "{\"id\":\"chat-4\",\"type\":\"message-start\",\"delta\":{\"message\":{\"role\":\"assistant\"}}}")
                + event(
                        "tool-plan-delta",
                        "{\"type\":\"tool-plan-delta\",\"delta\":{\"message\":{\"tool_plan\":\"I will look this up.\"}}}")
                + event(
                        "tool-call-start",
                        "{\"type\":\"tool-call-start\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":"
                                + "{\"id\":\"" + name + "_1\",\"type\":\"function\",\"function\":{\"name\":\"" + name
                                + "\",\"arguments\":\"\"}}}}}")
                + event(
                        "tool-call-delta",
                        "{\"type\":\"tool-call-delta\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":"
                                + "{\"function\":{\"arguments\":\"{\\\"city\\\":\"}}}}}")
                + event(
                        "tool-call-delta",
                        "{\"type\":\"tool-call-delta\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":"
                                + "{\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}}}}")
                + event("tool-call-end", "{\"type\":\"tool-call-end\",\"index\":0}")
                + messageEnd("TOOL_CALL", 30, 10);
    }

    private static String contentDelta(String text) {
        return event(
                "content-delta",
                "{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":"
                        + Json.text(TextNode.valueOf(text)) + "}}}}");
    }

    private static String messageEnd(String reason, int in, int out) {
        return event(
                "message-end",
                "{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"" + reason + "\",\"usage\":"
                        + Json.text(usage(in, out)) + "}}");
    }

    private MockResponse embed(JsonNode body) {
        if (!body.hasNonNull("input_type")) {
            return error(400, "invalid request: valid input_type must be provided with the provided model");
        }
        if (!"[\"float\"]".equals(Json.text(body.path("embedding_types")))) {
            return error(400, "the gateway must ask for float embeddings only");
        }
        ObjectNode answer = Json.object().put("id", "embed-1").put("response_type", "embeddings_by_type");
        ArrayNode floats = answer.putObject("embeddings").putArray("float");
        for (JsonNode text : body.path("texts")) {
            floats.addArray().add((double) text.asText().length()).add(0.5).add(-0.25);
        }
        answer.set("texts", body.path("texts"));
        answer.putObject("meta")
                .putObject("billed_units")
                .put("input_tokens", body.path("texts").size() * 2);
        return json(Json.text(answer));
    }

    private static ObjectNode usage(int in, int out) {
        ObjectNode usage = Json.object();
        usage.putObject("billed_units").put("input_tokens", in).put("output_tokens", out);
        usage.putObject("tokens").put("input_tokens", in + 100).put("output_tokens", out);
        return usage;
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static MockResponse sse(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .chunkedBody(body, 37)
                .build();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body(body)
                .build();
    }

    private static MockResponse error(int status, String message) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("content-type", "application/json")
                .body("{\"id\":\"err-1\",\"message\":\"" + message + "\"}")
                .build();
    }
}
