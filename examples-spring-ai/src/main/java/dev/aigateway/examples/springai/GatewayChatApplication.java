package dev.aigateway.examples.springai;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The walkthrough's web app on Spring Boot: {@code POST /generate} asks Gemini through the gateway
 * with Spring AI's {@code ChatClient}, and GPT-4o answers when Gemini fails. Spring AI's OpenAI
 * model points at the gateway ({@code spring.ai.openai.base-url}); the fallback config travels as
 * a default header built with {@code Portkey.createHeaders} ({@link GatewayChatConfiguration}).
 * Set-up in {@code application.properties}, from the same environment variables as the {@code
 * generate-app} example.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayChatApplication {
    public static void main(String[] args) {
        SpringApplication.run(GatewayChatApplication.class, args);
    }
}
