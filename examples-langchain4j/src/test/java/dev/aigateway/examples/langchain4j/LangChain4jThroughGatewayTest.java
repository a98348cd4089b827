package dev.aigateway.examples.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.client.PortkeyConfig;
import dev.aigateway.client.PortkeyResponseHeaders;
import dev.aigateway.core.Gateway;
import dev.aigateway.examples.DemoStack;
import dev.aigateway.examples.WalkthroughConfig;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's OpenAI models through the gateway with the walkthrough's fallback config, against
 * the fake Gemini and the fake OpenAI on loopback. Each test asserts what LangChain4j returned and
 * which config target answered ({@code x-portkey-last-used-option-index}).
 */
class LangChain4jThroughGatewayTest {
    private static final String QUESTION = "Are you an OpenAI model?";
    private static final String GPT_4O_ANSWER = "Yes, I am an OpenAI model: GPT-4o, trained by OpenAI.";

    private static DemoStack stack;

    @BeforeAll
    static void start() {
        stack = DemoStack.start(Gateway.create());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** The walkthrough's config without the Gemini key: Gemini refuses, GPT-4o answers. */
    private static PortkeyConfig geminiFails() {
        return WalkthroughConfig.fallback(stack.gemini().withoutKey(), stack.openAi());
    }

    private static void assertAnsweredBy(String provider, String index, PortkeyResponseHeaders headers) {
        assertEquals(Optional.of(index), headers.lastUsedOptionIndex());
        assertEquals(Optional.of(provider), headers.provider());
    }

    @Test
    void theChatModelFallsBackFromGeminiToGpt4o() {
        ChatResponse response = GatewayChatModels.openAi(
                        stack.gatewayUrl(), geminiFails(), LangChain4jWalkthrough.MODEL)
                .chat(UserMessage.from(QUESTION));

        assertEquals(GPT_4O_ANSWER, response.aiMessage().text());
        assertEquals("gpt-4o", response.modelName());
        assertAnsweredBy("openai", "config.targets[1]", GatewayChatModels.answeredBy(response));
        assertEquals("403 PERMISSION_DENIED", stack.fakes().gemini().lastOutcome());
    }

    @Test
    void geminiAnswersWhileItsKeyIsGood() {
        PortkeyConfig config = WalkthroughConfig.fallback(stack.gemini(), stack.openAi());

        ChatResponse response = GatewayChatModels.openAi(stack.gatewayUrl(), config, LangChain4jWalkthrough.MODEL)
                .chat(UserMessage.from(QUESTION));

        assertEquals(
                "No, I am not an OpenAI model. I am Gemini, a large language model trained by Google.",
                response.aiMessage().text());
        assertAnsweredBy("google", "config.targets[0]", GatewayChatModels.answeredBy(response));
    }

    @Test
    void theStreamingModelGetsGpt4osAnswerPieceByPiece() throws Exception {
        List<String> pieces = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        GatewayChatModels.openAiStreaming(stack.gatewayUrl(), geminiFails(), LangChain4jWalkthrough.MODEL)
                .chat(QUESTION, new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String partialResponse) {
                        pieces.add(partialResponse);
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse completeResponse) {
                        done.complete(completeResponse);
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });
        ChatResponse response = done.get(10, TimeUnit.SECONDS);

        assertTrue(pieces.size() > 1, "pieces: " + pieces);
        assertEquals(GPT_4O_ANSWER, String.join("", pieces));
        assertEquals(GPT_4O_ANSWER, response.aiMessage().text());
        assertTrue(response.tokenUsage().totalTokenCount() > 0, "usage from the stream's last chunk");
        assertAnsweredBy("openai", "config.targets[1]", GatewayChatModels.answeredBy(response));
    }

    @Test
    void anAiServiceCallsItsToolThroughTheGateway() {
        Calculator calculator = new Calculator();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(GatewayChatModels.openAi(stack.gatewayUrl(), geminiFails(), LangChain4jWalkthrough.MODEL))
                .tools(calculator)
                .build();

        Result<String> result = assistant.chat("What is 1234 plus 5678?");

        // The fake GPT-4o asked for add(1234, 5678); LangChain4j ran it and sent the sum back.
        assertEquals(List.of("add(1234, 5678)"), calculator.calls());
        assertEquals("GPT-4o (offline fake) called add, which answered: 6912", result.content());
        assertEquals(1, result.toolExecutions().size());
        assertAnsweredBy("openai", "config.targets[1]", GatewayChatModels.answeredBy(result.finalResponse()));
        JsonNode lastRequest = stack.fakes().openAi().lastAnsweredRequest().orElseThrow();
        assertEquals("add", lastRequest.at("/tools/0/function/name").asText());
        JsonNode toolResult =
                lastRequest.path("messages").get(lastRequest.path("messages").size() - 1);
        assertEquals("tool", toolResult.path("role").asText());
        assertEquals("6912", toolResult.path("content").asText());
    }

    @Test
    void anAiServiceReturnsARecordFromAJsonSchemaAnswer() {
        Assistant assistant = AiServices.create(
                Assistant.class,
                GatewayChatModels.openAi(stack.gatewayUrl(), geminiFails(), LangChain4jWalkthrough.MODEL));

        Result<Person> result = assistant.extractPerson("\"Ada Lovelace\" was 36 years old.");

        assertEquals(new Person("Ada Lovelace", 36), result.content());
        assertAnsweredBy("openai", "config.targets[1]", GatewayChatModels.answeredBy(result.finalResponse()));
        JsonNode format =
                stack.fakes().openAi().lastAnsweredRequest().orElseThrow().path("response_format");
        assertEquals("json_schema", format.path("type").asText());
        assertEquals("Person", format.at("/json_schema/name").asText(), format.toString());
        assertEquals(
                List.of("name", "age"),
                List.copyOf(format.at("/json_schema/schema/properties").properties().stream()
                        .map(Map.Entry::getKey)
                        .toList()));
    }
}
