package dev.aigateway.examples.langchain4j;

import dev.langchain4j.service.Result;
import dev.langchain4j.service.UserMessage;

/**
 * An AiServices interface: LangChain4j implements it with a chat model, the {@link Calculator}
 * tool and structured output. {@link Result} carries the final {@code ChatResponse} as well, so the
 * caller can see which gateway target answered.
 */
public interface Assistant {
    Result<String> chat(String message);

    @UserMessage("Extract the person from this text: {{it}}")
    Result<Person> extractPerson(String text);
}
