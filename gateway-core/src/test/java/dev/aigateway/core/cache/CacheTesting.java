package dev.aigateway.core.cache;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.stream.SseEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Requests and fakes the cache tests share. */
final class CacheTesting {
    static final String STREAM_BODY =
            "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    private CacheTesting() {}

    /** A leaf for the openai provider at {@code server} with {@code cache}. */
    static String config(MockWebServer server, String key, String cache) {
        return "{\"provider\":\"openai\",\"api_key\":\"" + key + "\",\"custom_host\":\"" + server.url("/v1")
                + "\",\"cache\":" + cache + "}";
    }

    static GatewayRequest chat(String config, String body, String... headers) {
        GatewayRequest.Builder request =
                GatewayRequest.builder(Endpoint.CHAT_COMPLETE).config(config).body(body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.build();
    }

    static List<SseEvent> read(GatewayResponse response) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        assertInstanceOf(GatewayResponse.Streaming.class, response)
                .events()
                .writeTo((n, d) -> events.add(new SseEvent(n, d)));
        return events;
    }

    static String chunk(String content, String finishReason) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"" + content
                + "\"},\"finish_reason\":" + (finishReason == null ? "null" : "\"" + finishReason + "\"")
                + "}]}\n\n";
    }

    static MockResponse stream(String... contents) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < contents.length; i++) {
            body.append(chunk(contents[i], i == contents.length - 1 ? "stop" : null));
        }
        body.append("data: [DONE]\n\n");
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .body(body.toString())
                .build();
    }

    static MockResponse embeddings(float... vector) {
        StringBuilder values = new StringBuilder();
        for (float v : vector) {
            values.append(values.length() == 0 ? "" : ",").append(v);
        }
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body(
                        "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[" + values
                                + "]}],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}")
                .build();
    }
}
