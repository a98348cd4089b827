package dev.aigateway.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.event.Usage;
import dev.aigateway.core.internal.Json;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Cache and reasoning details in each format's usage; input counts every input token. */
class UsageDetailsTest {
    private static Usage usage(Endpoint endpoint, String answer) throws Exception {
        return endpoint.format().usage(Json.parse(answer));
    }

    private static Usage of(long in, long out, Long read, Long write, Long reasoning) {
        return new Usage(OptionalLong.of(in), OptionalLong.of(out), opt(read), opt(write), opt(reasoning));
    }

    private static OptionalLong opt(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    @Test
    void openAiCachedAndReasoningTokensAreWithinTheirCounts() throws Exception {
        assertEquals(
                of(100, 50, 80L, null, 30L),
                usage(
                        Endpoint.CHAT_COMPLETE,
                        "{\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":50,"
                                + "\"prompt_tokens_details\":{\"cached_tokens\":80},"
                                + "\"completion_tokens_details\":{\"reasoning_tokens\":30}}}"));
        assertEquals(
                Usage.of(3, 4),
                usage(Endpoint.CHAT_COMPLETE, "{\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}"));
    }

    @Test
    void anthropicCacheTokensInPortkeysChatFormAreAddedToInput() throws Exception {
        // Portkey's chat form of Anthropic's usage: prompt_tokens leaves the cache out
        assertEquals(
                of(10 + 200 + 300, 5, 200L, 300L, null),
                usage(
                        Endpoint.CHAT_COMPLETE,
                        "{\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,"
                                + "\"prompt_tokens_details\":{\"cached_tokens\":200},"
                                + "\"cache_read_input_tokens\":200,\"cache_creation_input_tokens\":300}}"));
    }

    @Test
    void messagesCacheTokensAreAddedToInput() throws Exception {
        assertEquals(
                of(10 + 200 + 300, 5, 200L, 300L, null),
                usage(
                        Endpoint.MESSAGES,
                        "{\"type\":\"message\",\"usage\":{\"input_tokens\":10,\"output_tokens\":5,"
                                + "\"cache_read_input_tokens\":200,\"cache_creation_input_tokens\":300}}"));
    }

    @Test
    void responsesDetails() throws Exception {
        assertEquals(
                of(100, 50, 80L, null, 30L),
                usage(
                        Endpoint.RESPONSES,
                        "{\"object\":\"response\",\"usage\":{\"input_tokens\":100,"
                                + "\"output_tokens\":50,\"input_tokens_details\":{\"cached_tokens\":80},"
                                + "\"output_tokens_details\":{\"reasoning_tokens\":30}}}"));
    }
}
