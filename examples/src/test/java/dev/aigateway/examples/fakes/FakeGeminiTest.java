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

/** The fake Gemini speaks Gemini's wire format, errors included. */
class FakeGeminiTest {
    private static final String BODY = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi there\"}]}]}";

    private final FakeGemini gemini = FakeGemini.start("good-key", 0);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        gemini.close();
    }

    private HttpResponse<String> post(String pathAndQuery, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gemini.url() + pathAndQuery))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("x-goog-api-key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aGoodKeyGetsAGenerateContentResponse() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:generateContent", "good-key", BODY);

        assertEquals(200, response.statusCode());
        JsonNode json = Json.parse(response.body());
        assertEquals(
                "Gemini (offline fake) received: Hi there",
                json.at("/candidates/0/content/parts/0/text").asText());
        assertEquals("model", json.at("/candidates/0/content/role").asText());
        assertEquals("STOP", json.at("/candidates/0/finishReason").asText());
        assertEquals("gemini-2.5-flash", json.path("modelVersion").asText());
        assertEquals(2, json.at("/usageMetadata/promptTokenCount").asInt());
        assertEquals("200 OK", gemini.lastOutcome());
    }

    @Test
    void theWalkthroughQuestionGetsGeminisIdentity() throws Exception {
        String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Are you an OpenAI model?\"}]}]}";

        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:generateContent", "good-key", body);

        assertTrue(Json.parse(response.body())
                .at("/candidates/0/content/parts/0/text")
                .asText()
                .contains("I am Gemini"));
    }

    @Test
    void aMissingKeyGets403PermissionDenied() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:generateContent", null, BODY);

        assertEquals(403, response.statusCode());
        assertEquals(
                Json.parse("{\"error\":{\"code\":403,\"message\":\"Method doesn't allow unregistered callers (callers"
                        + " without established identity). Please use API Key or other form of API consumer"
                        + " identity to call this API.\",\"status\":\"PERMISSION_DENIED\"}}"),
                Json.parse(response.body()));
        assertEquals("403 PERMISSION_DENIED", gemini.lastOutcome());
    }

    @Test
    void aWrongKeyGets400InvalidArgument() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:generateContent", "bad-key", BODY);

        assertEquals(400, response.statusCode());
        JsonNode error = Json.parse(response.body()).path("error");
        assertEquals(400, error.path("code").asInt());
        assertEquals(
                "API key not valid. Please pass a valid API key.",
                error.path("message").asText());
        assertEquals("INVALID_ARGUMENT", error.path("status").asText());
        assertEquals("API_KEY_INVALID", error.at("/details/0/reason").asText());
        assertFalse(response.body().contains("bad-key"), "the key is not echoed");
    }

    @Test
    void theKeyMayComeAsAQueryParameter() throws Exception {
        HttpResponse<String> response =
                post("/v1beta/models/gemini-2.5-flash:generateContent?key=good-key", null, BODY);

        assertEquals(200, response.statusCode());
    }

    @Test
    void altSseStreamsServerSentEvents() throws Exception {
        HttpResponse<String> response =
                post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", "good-key", BODY);

        assertEquals(200, response.statusCode());
        assertEquals(
                "text/event-stream",
                response.headers().firstValue("content-type").orElse(""));
        List<JsonNode> events = new ArrayList<>();
        for (String block : response.body().split("\r\n\r\n")) {
            assertTrue(block.startsWith("data: "), block);
            events.add(Json.parse(block.substring("data: ".length())));
        }
        assertTrue(events.size() > 1, "several events");
        StringBuilder text = new StringBuilder();
        events.forEach(event ->
                text.append(event.at("/candidates/0/content/parts/0/text").asText()));
        assertEquals("Gemini (offline fake) received: Hi there", text.toString());
        assertTrue(events.get(0).at("/candidates/0/finishReason").isMissingNode());
        assertEquals(
                "STOP",
                events.get(events.size() - 1).at("/candidates/0/finishReason").asText());
    }

    @Test
    void withoutAltSseTheStreamIsOneJsonArray() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:streamGenerateContent", "good-key", BODY);

        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode array = Json.parse(response.body());
        assertTrue(array.isArray() && array.size() > 1, response.body());
    }

    @Test
    void badRequestsGetGeminiErrors() throws Exception {
        HttpResponse<String> notJson = post("/v1beta/models/gemini-2.5-flash:generateContent", "good-key", "{");
        HttpResponse<String> noContents = post("/v1beta/models/gemini-2.5-flash:generateContent", "good-key", "{}");
        HttpResponse<String> unknownModel = post("/v1beta/models/gpt-4o:generateContent", "good-key", BODY);
        HttpResponse<String> unknownPath = post("/v1beta/other", "good-key", BODY);

        assertEquals(400, notJson.statusCode());
        assertEquals(
                "INVALID_ARGUMENT",
                Json.parse(notJson.body()).at("/error/status").asText());
        assertEquals(400, noContents.statusCode());
        assertEquals(404, unknownModel.statusCode());
        assertTrue(
                Json.parse(unknownModel.body()).at("/error/message").asText().startsWith("models/gpt-4o is not found"));
        assertEquals(404, unknownPath.statusCode());
        assertEquals(4, gemini.requestCount());
    }
}
