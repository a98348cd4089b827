package dev.aigateway.examples.springai;

import dev.aigateway.client.HeaderOptions;
import dev.aigateway.client.Portkey;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.http.okhttp.OpenAiHttpClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code ChatClient} the app asks through: Spring Boot's auto-configured OpenAI model (pointed
 * at the gateway by {@code spring.ai.openai.base-url}) with the fallback config as a default
 * header. {@code customHeaders} takes {@code Portkey.createHeaders(...)} as it is; a call's own
 * headers are added to these.
 */
@Configuration(proxyBeanMethods = false)
class GatewayChatConfiguration {
    @Bean
    GatewayHeaders gatewayHeaders(WalkthroughProperties walkthrough) {
        return new GatewayHeaders(Portkey.createHeaders(
                HeaderOptions.builder().config(walkthrough.fallbackConfig()).build()));
    }

    /**
     * The options are a builder on purpose: ChatClient lays them over the model's options from the
     * properties. A built {@code OpenAiChatOptions} would carry Spring AI's default model and
     * replace {@code spring.ai.openai.chat.model}.
     */
    @Bean
    ChatClient chatClient(ChatClient.Builder builder, GatewayHeaders headers) {
        return builder.defaultOptions(OpenAiChatOptions.builder().customHeaders(headers.defaults()))
                .build();
    }

    @Bean
    GatewayAnswers gatewayAnswers() {
        return new GatewayAnswers();
    }

    @Bean
    OpenAiHttpClientBuilderCustomizer gatewayAnswersInterceptor(GatewayAnswers answers) {
        return builder -> builder.interceptor(answers);
    }
}
