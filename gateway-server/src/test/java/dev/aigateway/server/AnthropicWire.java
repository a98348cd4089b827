package dev.aigateway.server;

/** Anthropic Messages wire bodies for the loopback fakes, as Anthropic's API documents them. */
final class AnthropicWire {
    static final String ANSWER = "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"text\",\"text\":\"Hello from Claude\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":12,\"output_tokens\":4}}";

    static final String TOOL_USE_ANSWER = "{\"id\":\"msg_02\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_01\","
            + "\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}],\"stop_reason\":\"tool_use\","
            + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":30,\"output_tokens\":10}}";

    static final String OVERLOADED =
            "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";

    static final String TEXT_STREAM = event(
                    "message_start",
                    "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_03\",\"type\":\"message\",\"role\":\"assistant\","
                            + "\"content\":[],\"model\":\"claude-sonnet-4-5-20250929\",\"stop_reason\":null,"
                            + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}")
            + event(
                    "content_block_start",
                    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
            + event("ping", "{\"type\":\"ping\"}")
            + event(
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}")
            + event(
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" there\"}}")
            + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
            + event(
                    "message_delta",
                    "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                            + "\"usage\":{\"output_tokens\":3}}")
            + event("message_stop", "{\"type\":\"message_stop\"}");

    static final String TOOL_STREAM = event(
                    "message_start",
                    "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_04\",\"type\":\"message\",\"role\":\"assistant\","
                            + "\"content\":[],\"model\":\"claude-sonnet-4-5-20250929\",\"stop_reason\":null,"
                            + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":30,\"output_tokens\":1}}}")
            + event(
                    "content_block_start",
                    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\","
                            + "\"id\":\"toolu_05\",\"name\":\"get_weather\",\"input\":{}}}")
            + event(
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
                            + "\"partial_json\":\"{\\\"city\\\": \\\"Par\"}}")
            + event(
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
                            + "\"partial_json\":\"is\\\"}\"}}")
            + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
            + event(
                    "message_delta",
                    "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},"
                            + "\"usage\":{\"output_tokens\":15}}")
            + event("message_stop", "{\"type\":\"message_stop\"}");

    private AnthropicWire() {}

    static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }
}
