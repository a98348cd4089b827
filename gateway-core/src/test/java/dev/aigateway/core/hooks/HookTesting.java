package dev.aigateway.core.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.stream.ChunkSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Helpers for the guardrail tests: configs written with single quotes, streams read whole. */
final class HookTesting {
    private HookTesting() {}

    /** {@code text} with single quotes turned into double quotes. */
    static String q(String text) {
        return text.replace('\'', '"');
    }

    /** An openai target at the fake server, with {@code extra} JSON members (single quotes). */
    static String target(MockWebServer server, String extra) {
        return q("{'provider':'openai','api_key':'k','custom_host':'" + server.url("/v1") + "'"
                + (extra.isEmpty() ? "" : "," + extra) + "}");
    }

    static GatewayRequest chat(String config, String body) {
        return GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .config(config)
                .body(body)
                .build();
    }

    static String chatBody(String userText) {
        return q("{'model':'gpt-4o','messages':[{'role':'user','content':'" + userText + "'}]}");
    }

    static String streamBody(String userText) {
        return q("{'model':'gpt-4o','stream':true,'messages':[{'role':'user','content':'" + userText + "'}]}");
    }

    static JsonNode json(GatewayResponse response) throws IOException {
        return Json.parse(((GatewayResponse.Complete) response).body());
    }

    static JsonNode body(RecordedRequest request) throws IOException {
        return Json.parse(request.getBody().utf8());
    }

    /** One written stream call: an event, an error event, an end marker, or the finish. */
    record Written(String kind, String name, String data) {
        @Override
        public String toString() {
            return kind + (name == null ? "" : "(" + name + ")") + ": " + data;
        }
    }

    /** Everything a streaming answer writes, in order. */
    static List<Written> read(GatewayResponse response) throws IOException {
        List<Written> out = new ArrayList<>();
        ((GatewayResponse.Streaming) response).events().writeTo(new ChunkSink() {
            @Override
            public void event(String name, String data) {
                out.add(new Written("event", name, data));
            }

            @Override
            public void error(String name, JsonNode body) {
                out.add(new Written("error", name, Json.text(body)));
            }

            @Override
            public void endMarker(dev.aigateway.core.stream.SseEvent marker) {
                out.add(new Written("end", marker.event(), marker.data()));
            }

            @Override
            public void finish(boolean complete) {
                out.add(new Written("finish", null, Boolean.toString(complete)));
            }
        });
        return out;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
