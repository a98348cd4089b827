package dev.aigateway.examples.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.internal.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake OpenAI speaks OpenAI's Chat Completions wire format, errors included. */
class FakeOpenAiTest {
    private static final String BODY =
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi there\"}]}";

    private final FakeOpenAi openAi = FakeOpenAi.start("sk-good", 0);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        openAi.close();
    }

    private HttpResponse<String> post(String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(openAi.url() + "/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aGoodKeyGetsAChatCompletion() throws Exception {
        HttpResponse<String> response = post("sk-good", BODY);

        assertEquals(200, response.statusCode());
        JsonNode json = Json.parse(response.body());
        assertEquals("chat.completion", json.path("object").asText());
        assertEquals("gpt-4o", json.path("model").asText());
        assertEquals(
                "GPT-4o (offline fake) received: Hi there",
                json.at("/choices/0/message/content").asText());
        assertEquals("stop", json.at("/choices/0/finish_reason").asText());
        assertEquals(
                json.at("/usage/prompt_tokens").asInt()
                        + json.at("/usage/completion_tokens").asInt(),
                json.at("/usage/total_tokens").asInt());
    }

    @Test
    void missingAndWrongKeysGet401() throws Exception {
        HttpResponse<String> missing = post(null, BODY);
        HttpResponse<String> wrong = post("sk-wrong-and-long", BODY);

        assertEquals(401, missing.statusCode());
        assertTrue(
                Json.parse(missing.body()).at("/error/message").asText().startsWith("You didn't provide an API key."));
        assertEquals(401, wrong.statusCode());
        JsonNode error = Json.parse(wrong.body()).path("error");
        assertEquals("invalid_api_key", error.path("code").asText());
        assertEquals("invalid_request_error", error.path("type").asText());
        assertFalse(wrong.body().contains("sk-wrong-and-long"), "the key is not echoed");
        assertEquals("401 invalid_api_key", openAi.lastOutcome());
    }

    @Test
    void aStreamSendsChunksThenDone() throws Exception {
        String body = "{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi there\"}]}";

        HttpResponse<String> response = post("sk-good", body);

        assertEquals(
                "text/event-stream",
                response.headers().firstValue("content-type").orElse(""));
        List<String> data = new ArrayList<>();
        for (String block : response.body().split("\n\n")) {
            assertTrue(block.startsWith("data: "), block);
            data.add(block.substring("data: ".length()));
        }
        assertEquals("[DONE]", data.get(data.size() - 1));
        StringBuilder text = new StringBuilder();
        for (String event : data.subList(0, data.size() - 1)) {
            JsonNode chunk = Json.parse(event);
            assertEquals("chat.completion.chunk", chunk.path("object").asText());
            text.append(chunk.at("/choices/0/delta/content").asText(""));
        }
        assertEquals("GPT-4o (offline fake) received: Hi there", text.toString());
        JsonNode usage = Json.parse(data.get(data.size() - 2));
        assertTrue(usage.path("choices").isEmpty());
        assertTrue(usage.at("/usage/total_tokens").asInt() > 0);
        assertEquals(
                "stop",
                Json.parse(data.get(data.size() - 3))
                        .at("/choices/0/finish_reason")
                        .asText());
    }

    @Test
    void badRequestsGetOpenAiErrors() throws Exception {
        HttpResponse<String> notJson = post("sk-good", "{");
        HttpResponse<String> noModel = post("sk-good", "{\"messages\":[]}");
        HttpResponse<String> geminiModel = post("sk-good", BODY.replace("gpt-4o", "gemini-2.5-flash"));
        HttpResponse<String> noMessages = post("sk-good", "{\"model\":\"gpt-4o\"}");

        assertEquals(400, notJson.statusCode());
        assertEquals(400, noModel.statusCode());
        assertEquals(404, geminiModel.statusCode());
        assertEquals(
                "model_not_found",
                Json.parse(geminiModel.body()).at("/error/code").asText());
        assertEquals(400, noMessages.statusCode());
        assertEquals(
                "messages", Json.parse(noMessages.body()).at("/error/param").asText());
        assertEquals(4, openAi.requestCount());
    }

    private static final String ADD_TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"add\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},"
            + "\"b\":{\"type\":\"integer\"}},\"required\":[\"a\",\"b\"]}}}";

    @Test
    void offeredToolsAreCalledWithArgumentsFromThePrompt() throws Exception {
        String body = "{\"model\":\"gpt-4o\",\"tools\":[" + ADD_TOOL + "],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"What is 1234 plus 5678?\"}]}";

        JsonNode json = Json.parse(post("sk-good", body).body());

        assertEquals("tool_calls", json.at("/choices/0/finish_reason").asText());
        assertTrue(json.at("/choices/0/message/content").isNull());
        JsonNode call = json.at("/choices/0/message/tool_calls/0");
        assertEquals("function", call.path("type").asText());
        assertEquals("add", call.at("/function/name").asText());
        assertEquals(
                Json.parse("{\"a\":1234,\"b\":5678}"),
                Json.parse(call.at("/function/arguments").asText()));
        assertEquals(Json.parse(body), openAi.lastAnsweredRequest().orElseThrow());
    }

    @Test
    void aToolResultIsAnswered() throws Exception {
        String body = "{\"model\":\"gpt-4o\",\"tools\":[" + ADD_TOOL + "],\"messages\":["
                + "{\"role\":\"user\",\"content\":\"What is 1234 plus 5678?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"add\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"6912\"}]}";

        JsonNode json = Json.parse(post("sk-good", body).body());

        assertEquals("stop", json.at("/choices/0/finish_reason").asText());
        assertEquals(
                "GPT-4o (offline fake) called add, which answered: 6912",
                json.at("/choices/0/message/content").asText());
    }

    @Test
    void aJsonSchemaResponseFormatGetsJsonThatFitsIt() throws Exception {
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Who is this? \\\"Ada Lovelace\\\", 36, from \\\"London\\\".\"}],"
                + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"Person\",\"strict\":true,"
                + "\"schema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
                + "\"age\":{\"type\":\"integer\"},\"home\":{\"$ref\":\"#/$defs/Place\"},"
                + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":[\"boolean\",\"null\"]}}},"
                + "\"$defs\":{\"Place\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}}}}";

        JsonNode json = Json.parse(post("sk-good", body).body());

        assertEquals(
                Json.parse("{\"name\":\"Ada Lovelace\",\"age\":36,\"home\":{\"city\":\"London\"},\"tags\":[true]}"),
                Json.parse(json.at("/choices/0/message/content").asText()));
    }

    @Test
    void aStreamedToolCallComesInOneChunk() throws Exception {
        String body = "{\"model\":\"gpt-4o\",\"stream\":true,\"tools\":[" + ADD_TOOL + "],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"What is 2 plus 3?\"}]}";

        String[] events = post("sk-good", body).body().split("\n\n");

        JsonNode call = Json.parse(events[1].substring("data: ".length())).at("/choices/0/delta/tool_calls/0");
        assertEquals(0, call.path("index").asInt());
        assertEquals("add", call.at("/function/name").asText());
        assertEquals(
                Json.parse("{\"a\":2,\"b\":3}"),
                Json.parse(call.at("/function/arguments").asText()));
        JsonNode last = Json.parse(events[events.length - 2].substring("data: ".length()));
        assertEquals("tool_calls", last.at("/choices/0/finish_reason").asText());
        assertEquals("data: [DONE]", events[events.length - 1].strip());
    }
}
