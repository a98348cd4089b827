package dev.aigateway.examples.langchain4j;

import dev.aigateway.client.Portkey;
import dev.aigateway.client.PortkeyConfig;
import dev.aigateway.client.PortkeyResponseHeaders;
import dev.aigateway.client.Strategy;
import dev.aigateway.client.Target;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * The walkthrough with LangChain4j: Gemini first, GPT-4o when Gemini fails, asked through the
 * gateway with an {@link OpenAiChatModel} and with an AiServices {@link Assistant} that has a tool
 * and returns a record. Set-up from the environment, as the {@code generate-app} example:
 * {@code GEMINI_API_KEY} and {@code OPENAI_API_KEY} (a missing key is left out of the config:
 * remove the Gemini key to see GPT-4o take over), {@code GATEWAY_URL} (default {@code
 * http://localhost:8787/v1}), and {@code GEMINI_BASE_URL}/{@code OPENAI_BASE_URL} only to point the
 * targets at fakes.
 *
 * <pre>{@code
 * mvn -B -q install -DskipTests && mvn -q -pl examples-langchain4j exec:java
 * }</pre>
 */
public final class LangChain4jWalkthrough {
    public static final String MODEL = "gemini-2.5-flash";

    private LangChain4jWalkthrough() {}

    public static void main(String[] args) {
        run(System.getenv(), System.out);
    }

    /** Asks three questions through the gateway {@code env} names and prints who answered each. */
    public static void run(Map<String, String> env, PrintStream out) {
        String gatewayUrl = variable(env, "GATEWAY_URL").orElse(Portkey.LOCAL_GATEWAY_URL);
        PortkeyConfig config = fallbackConfig(env);
        out.println("gateway: " + gatewayUrl);
        out.println("config:  " + config);

        OpenAiChatModel model = GatewayChatModels.openAi(gatewayUrl, config, MODEL);
        ChatResponse answer = model.chat(UserMessage.from("Are you an OpenAI model?"));
        print(out, "chat", answer.aiMessage().text(), GatewayChatModels.answeredBy(answer));

        Calculator calculator = new Calculator();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(model)
                .tools(calculator)
                .build();
        Result<String> sum = assistant.chat("What is 1234 plus 5678?");
        print(out, "tool " + calculator.calls(), sum.content(), GatewayChatModels.answeredBy(sum.finalResponse()));

        Result<Person> person = assistant.extractPerson("\"Ada Lovelace\" was 36 years old.");
        print(out, "structured", person.content().toString(), GatewayChatModels.answeredBy(person.finalResponse()));
    }

    /**
     * Gemini, then GPT-4o: {@code {"strategy":{"mode":"fallback"},"targets":[{"provider":"google",
     * ...},{"provider":"openai",...,"override_params":{"model":"gpt-4o"}}]}}.
     */
    public static PortkeyConfig fallbackConfig(Map<String, String> env) {
        Target.Builder gemini = Target.builder().provider("google");
        variable(env, "GEMINI_API_KEY").ifPresent(gemini::apiKey);
        variable(env, "GEMINI_BASE_URL").ifPresent(gemini::customHost);
        Target.Builder openAi = Target.builder().provider("openai").overrideParams(Map.of("model", "gpt-4o"));
        variable(env, "OPENAI_API_KEY").ifPresent(openAi::apiKey);
        variable(env, "OPENAI_BASE_URL").ifPresent(openAi::customHost);
        return PortkeyConfig.builder()
                .strategy(Strategy.fallback())
                .addTarget(gemini.build())
                .addTarget(openAi.build())
                .build();
    }

    private static void print(PrintStream out, String what, String text, PortkeyResponseHeaders headers) {
        out.println();
        out.println(what + ": " + text);
        out.println("  answered by " + headers.provider().orElse("?") + " through "
                + headers.lastUsedOptionIndex().orElse("?"));
    }

    private static Optional<String> variable(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }
}
