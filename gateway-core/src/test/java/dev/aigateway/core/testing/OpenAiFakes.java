package dev.aigateway.core.testing;

import mockwebserver3.MockResponse;

/** OpenAI wire-format answers for fake upstreams. */
public final class OpenAiFakes {
    public static final String CHAT_BODY =
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    public static final String STREAM_BODY =
            "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    private OpenAiFakes() {}

    public static String completion(String content) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content
                + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";
    }

    public static MockResponse ok(String content) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .addHeader("x-request-id", "req-" + content)
                .body(completion(content))
                .build();
    }

    /** OpenAI's error envelope holding {@code message}. */
    public static String errorBody(String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"server_error\",\"param\":null,\"code\":null}}";
    }

    public static MockResponse error(int status, String message) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("content-type", "application/json")
                .body("{\"error\":{\"message\":\"" + message
                        + "\",\"type\":\"server_error\",\"param\":null,\"code\":null}}")
                .build();
    }

    public static String chunk(String content) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n";
    }

    public static MockResponse stream(String... contents) {
        StringBuilder body = new StringBuilder();
        for (String content : contents) {
            body.append(chunk(content));
        }
        body.append("data: [DONE]\n\n");
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .chunkedBody(body.toString(), 64)
                .build();
    }

    /** A config leaf for the openai provider at {@code baseUrl}. */
    public static String target(String baseUrl, String key) {
        return "{\"provider\":\"openai\",\"api_key\":\"" + key + "\",\"custom_host\":\"" + baseUrl + "\"}";
    }
}
