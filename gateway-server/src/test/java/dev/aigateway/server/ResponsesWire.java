package dev.aigateway.server;

/** OpenAI Responses API wire bodies for the loopback fake, as OpenAI's API reference shows them. */
final class ResponsesWire {
    private ResponsesWire() {}

    /** A whole response with {@code output} (a JSON array's items) and {@code status}. */
    static String response(String output, String status) {
        return "{\"id\":\"resp_01\",\"object\":\"response\",\"created_at\":1741476542,\"status\":\"" + status + "\","
                + "\"error\":null,\"incomplete_details\":null,\"instructions\":null,\"max_output_tokens\":null,"
                + "\"model\":\"gpt-4.1-2025-04-14\",\"output\":[" + output + "],\"parallel_tool_calls\":true,"
                + "\"previous_response_id\":null,\"reasoning\":{\"effort\":null,\"summary\":null},\"store\":true,"
                + "\"temperature\":1.0,\"text\":{\"format\":{\"type\":\"text\"}},\"tool_choice\":\"auto\",\"tools\":[],"
                + "\"top_p\":1.0,\"truncation\":\"disabled\",\"usage\":"
                + ("in_progress".equals(status) ? "null" : USAGE)
                + ",\"user\":null,\"metadata\":{}}";
    }

    static final String USAGE = "{\"input_tokens\":36,\"input_tokens_details\":{\"cached_tokens\":0},"
            + "\"output_tokens\":8,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":44}";

    static String message(String text) {
        return "{\"type\":\"message\",\"id\":\"msg_01\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"output_text\",\"text\":\"" + text + "\",\"annotations\":[]}]}";
    }

    static final String FUNCTION_CALL = "{\"type\":\"function_call\",\"id\":\"fc_01\",\"call_id\":\"call_01\","
            + "\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\",\"status\":\"completed\"}";

    /** OpenAI's event sequence for one text answer streamed as {@code deltas}. */
    static String textStream(String... deltas) {
        StringBuilder out = new StringBuilder();
        int[] sequence = {0};
        event(out, sequence, "response.created", "\"response\":" + response("", "in_progress"));
        event(out, sequence, "response.in_progress", "\"response\":" + response("", "in_progress"));
        event(
                out,
                sequence,
                "response.output_item.added",
                "\"output_index\":0,\"item\":{\"type\":\"message\","
                        + "\"id\":\"msg_01\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}");
        event(
                out,
                sequence,
                "response.content_part.added",
                "\"item_id\":\"msg_01\",\"output_index\":0,"
                        + "\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[]}");
        StringBuilder text = new StringBuilder();
        for (String delta : deltas) {
            text.append(delta);
            event(
                    out,
                    sequence,
                    "response.output_text.delta",
                    "\"item_id\":\"msg_01\",\"output_index\":0," + "\"content_index\":0,\"delta\":\"" + delta
                            + "\",\"logprobs\":[]");
        }
        event(
                out,
                sequence,
                "response.output_text.done",
                "\"item_id\":\"msg_01\",\"output_index\":0," + "\"content_index\":0,\"text\":\"" + text
                        + "\",\"logprobs\":[]");
        event(
                out,
                sequence,
                "response.content_part.done",
                "\"item_id\":\"msg_01\",\"output_index\":0,"
                        + "\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"" + text
                        + "\",\"annotations\":[]}");
        event(out, sequence, "response.output_item.done", "\"output_index\":0,\"item\":" + message(text.toString()));
        event(out, sequence, "response.completed", "\"response\":" + response(message(text.toString()), "completed"));
        return out.toString();
    }

    private static void event(StringBuilder out, int[] sequence, String type, String fields) {
        out.append("event: ").append(type).append('\n');
        out.append("data: {\"type\":\"")
                .append(type)
                .append("\",\"sequence_number\":")
                .append(sequence[0]++);
        out.append(',').append(fields).append("}\n\n");
    }
}
