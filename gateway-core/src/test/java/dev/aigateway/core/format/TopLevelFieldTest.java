package dev.aigateway.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.event.Usage;
import dev.aigateway.core.internal.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TopLevelFieldTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheTopLevelFieldOnlyPastNestedOnes() {
        byte[] body = bytes("{\"choices\":[{\"message\":{\"usage\":{\"prompt_tokens\":99}},\"n\":[1,{\"a\":\"b\"}]}],"
                + "\"model\":\"m\",\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":11}}");

        assertEquals(12, ScannedField.read(body, "usage").path("prompt_tokens").asInt());
        assertEquals("m", ScannedField.read(body, "model").asText());
        assertTrue(ScannedField.read(body, "absent").isMissingNode());
    }

    @Test
    void theValueIsTheTreeDatabindWouldRead() throws Exception {
        String value = "{\"n\":1,\"big\":12345678901,\"huge\":123456789012345678901234567890,\"f\":0.5,"
                + "\"e\":1e3,\"s\":\"t\\u00e9\\n\",\"t\":true,\"no\":false,\"nil\":null,"
                + "\"a\":[1,[2,{\"x\":[]}],{}],\"o\":{\"deep\":{\"deeper\":-7}}}";
        byte[] body = bytes("{\"first\":[{\"usage\":1}],\"usage\":" + value + ",\"after\":2}");

        assertEquals(Json.parse(value), ScannedField.read(body, "usage"));
        assertEquals(Json.parse("[1,\"two\",null]"), ScannedField.read(bytes("{\"usage\":[1,\"two\",null]}"), "usage"));
        assertEquals(Json.parse("7"), ScannedField.read(bytes("{\"usage\":7}"), "usage"));
    }

    @Test
    void notAnObjectHasNoField() {
        assertTrue(ScannedField.read(bytes("[{\"usage\":{}}]"), "usage").isMissingNode());
        assertTrue(ScannedField.read(bytes("not json"), "usage").isMissingNode());
        assertTrue(ScannedField.read(new byte[0], "usage").isMissingNode());
    }

    @Test
    void eachFormatReadsFromBytesWhatItReadsFromTheTree() throws Exception {
        String chat = "{\"id\":\"c\",\"choices\":[{\"message\":{\"content\":\"hi\"}}],\"usage\":{\"prompt_tokens\":12,"
                + "\"completion_tokens\":11,\"completion_tokens_details\":{\"reasoning_tokens\":3},"
                + "\"prompt_tokens_details\":{\"cached_tokens\":4}}}";
        String messages = "{\"type\":\"message\",\"content\":[],\"usage\":{\"input_tokens\":5,\"output_tokens\":6,"
                + "\"cache_read_input_tokens\":7,\"cache_creation_input_tokens\":8}}";
        String responses = "{\"object\":\"response\",\"output\":[],\"usage\":{\"input_tokens\":9,\"output_tokens\":10,"
                + "\"input_tokens_details\":{\"cached_tokens\":2},\"output_tokens_details\":{\"reasoning_tokens\":1}}}";
        check(OpenAiFormat.CHAT, chat);
        check(MessagesFormat.MESSAGES, messages);
        check(ResponsesFormat.INSTANCE, responses);
        assertEquals(Usage.UNKNOWN, OpenAiFormat.CHAT.usage(bytes("{oops")));
    }

    private static void check(EndpointFormat format, String body) throws Exception {
        Usage fromTree = format.usage(Json.parse(body));
        assertTrue(fromTree.inputTokens().isPresent(), body);
        assertEquals(fromTree, format.usage(bytes(body)));
    }
}
