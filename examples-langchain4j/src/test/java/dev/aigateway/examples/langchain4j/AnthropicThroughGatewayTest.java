package dev.aigateway.examples.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aigateway.client.PortkeyConfig;
import dev.aigateway.client.PortkeyResponseHeaders;
import dev.aigateway.client.Strategy;
import dev.aigateway.client.Target;
import dev.aigateway.core.Gateway;
import dev.aigateway.examples.DemoStack;
import dev.aigateway.examples.fakes.FakeProviders;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's Anthropic model through the gateway's Anthropic Messages route, falling back to
 * GPT-4o: the gateway receives {@code POST /v1/messages}, Anthropic (a loopback server that answers
 * 404 for that path) fails, the fake OpenAI answers, and the gateway answers in Anthropic's format.
 */
class AnthropicThroughGatewayTest {
    @Test
    void theAnthropicModelFallsBackToGpt4o() {
        try (DemoStack stack = DemoStack.start(Gateway.create())) {
            PortkeyConfig config = PortkeyConfig.builder()
                    .strategy(Strategy.fallback())
                    .addTarget(Target.builder()
                            .provider("anthropic")
                            .apiKey("sk-ant-offline")
                            .customHost(stack.fakes().gemini().url() + "/v1")
                            .build())
                    .addTarget(Target.builder()
                            .provider("openai")
                            .apiKey(FakeProviders.OPENAI_KEY)
                            .customHost(stack.fakes().openAi().url())
                            .overrideParams(Map.of("model", "gpt-4o"))
                            .build())
                    .build();

            ChatResponse response = GatewayChatModels.anthropic(stack.gatewayUrl(), config, "claude-sonnet-4-5")
                    .chat(UserMessage.from("Are you an OpenAI model?"));

            assertEquals(
                    "Yes, I am an OpenAI model: GPT-4o, trained by OpenAI.",
                    response.aiMessage().text());
            PortkeyResponseHeaders headers = GatewayChatModels.answeredBy(response);
            assertEquals(Optional.of("config.targets[1]"), headers.lastUsedOptionIndex());
            assertEquals(Optional.of("openai"), headers.provider());
            assertEquals("404 NOT_FOUND", stack.fakes().gemini().lastOutcome());
        }
    }
}
