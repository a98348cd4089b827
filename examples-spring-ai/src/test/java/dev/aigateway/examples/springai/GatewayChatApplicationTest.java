package dev.aigateway.examples.springai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.client.HeaderOptions;
import dev.aigateway.client.Portkey;
import dev.aigateway.client.PortkeyConfig;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.internal.Json;
import dev.aigateway.examples.DemoStack;
import dev.aigateway.examples.WalkthroughConfig;
import dev.aigateway.examples.fakes.FakeProviders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Spring Boot app against the fake Gemini and the fake OpenAI behind an in-process gateway,
 * with the Gemini key removed: every answer must come from GPT-4o through {@code
 * config.targets[1]}. One application context for all tests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class GatewayChatApplicationTest {
    private static final String QUESTION = "Are you an OpenAI model?";
    private static final String GPT_4O_ANSWER = "Yes, I am an OpenAI model: GPT-4o, trained by OpenAI.";
    private static final DemoStack STACK = DemoStack.start(Gateway.create());

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ChatClient chatClient;

    /** What a user sets in the environment to point the app at the fakes, without a Gemini key. */
    @DynamicPropertySource
    static void pointAtTheFakes(DynamicPropertyRegistry properties) {
        properties.add("spring.ai.openai.base-url", STACK::gatewayUrl);
        properties.add("walkthrough.gemini-api-key", () -> "");
        properties.add("walkthrough.openai-api-key", () -> FakeProviders.OPENAI_KEY);
        properties.add(
                "walkthrough.gemini-base-url", () -> STACK.fakes().gemini().url());
        properties.add(
                "walkthrough.openai-base-url", () -> STACK.fakes().openAi().url());
    }

    @AfterAll
    static void stop() {
        STACK.close();
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        String accept = path.endsWith("/stream") ? "text/event-stream" : "application/json";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("content-type", "application/json")
                .header("accept", accept)
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void generateFallsBackFromGeminiToGpt4oAndSaysSo() throws Exception {
        HttpResponse<String> response = post("/generate", "{\"prompt\": \"" + QUESTION + "\"}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(GPT_4O_ANSWER, Json.parse(response.body()).path("response").asText());
        assertEquals(
                Optional.of("config.targets[1]"), response.headers().firstValue("x-portkey-last-used-option-index"));
        assertEquals(Optional.of("openai"), response.headers().firstValue("x-portkey-provider"));
        assertFalse(
                response.headers().firstValue("x-portkey-trace-id").orElse("").isEmpty());
        assertEquals("403 PERMISSION_DENIED", STACK.fakes().gemini().lastOutcome());
    }

    @Test
    void theStreamComesPieceByPieceThenSaysWhoAnswered() throws Exception {
        HttpResponse<String> response = post("/generate/stream", "{\"prompt\": \"" + QUESTION + "\"}");

        assertEquals(200, response.statusCode(), response.body());
        List<String> pieces = new ArrayList<>();
        JsonNode answeredBy = null;
        for (String event : response.body().split("\n\n")) {
            String data = event.lines()
                    .filter(line -> line.startsWith("data:"))
                    .map(line -> line.substring("data:".length()))
                    .reduce("", String::concat);
            if (event.contains("event:gateway")) {
                answeredBy = Json.parse(data);
            } else if (!data.isBlank()) {
                pieces.add(Json.parse(data).path("text").asText());
            }
        }
        assertTrue(pieces.size() > 1, "pieces: " + pieces);
        assertEquals(GPT_4O_ANSWER, String.join("", pieces));
        assertEquals("config.targets[1]", answeredBy.path("lastUsedOptionIndex").asText(), response.body());
        assertEquals("openai", answeredBy.path("provider").asText());
    }

    @Test
    void aCallsOwnConfigReplacesTheDefaultAndTheModelComesFromTheProperties() {
        // The Gemini key is back for this call only: Gemini answers, and only for a Gemini model.
        PortkeyConfig withGeminiKey = WalkthroughConfig.fallback(STACK.gemini(), STACK.openAi());

        ChatResponse response = chatClient
                .prompt()
                .user(QUESTION)
                .options(OpenAiChatOptions.builder()
                        .customHeaders(Portkey.createHeaders(
                                HeaderOptions.builder().config(withGeminiKey).build())))
                .call()
                .chatResponse();

        assertEquals(
                "No, I am not an OpenAI model. I am Gemini, a large language model trained by Google.",
                response.getResult().getOutput().getText(),
                "Gemini answered " + STACK.fakes().gemini().lastOutcome());
        assertEquals("gemini-2.5-flash", response.getMetadata().getModel());
    }

    record Person(String name, int age) {}

    @Test
    void theChatClientReturnsARecordWithTheProvidersStructuredOutput() {
        Person person = chatClient
                .prompt()
                .user("Extract the person: \"Ada Lovelace\" was 36 years old.")
                .call()
                .entity(Person.class, spec -> spec.useProviderStructuredOutput());

        assertEquals(new Person("Ada Lovelace", 36), person);
        JsonNode sent = STACK.fakes().openAi().lastAnsweredRequest().orElseThrow();
        assertEquals("json_schema", sent.at("/response_format/type").asText(), sent.toString());
        assertEquals("gpt-4o", sent.path("model").asText(), "the fallback target's override_params");
    }

    @Test
    void badInputGets400WithAnError() throws Exception {
        for (String path : List.of("/generate", "/generate/stream")) {
            for (String body : List.of("{", "{}", "{\"prompt\": \"  \"}")) {
                HttpResponse<String> response = post(path, body);

                assertEquals(400, response.statusCode(), path + " " + body);
                assertTrue(Json.parse(response.body()).path("error").asText().contains("prompt"), response.body());
            }
        }
    }
}
