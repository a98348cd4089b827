package dev.aigateway.core.extension;

import static dev.aigateway.core.testing.OpenAiFakes.CHAT_BODY;
import static dev.aigateway.core.testing.OpenAiFakes.STREAM_BODY;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static dev.aigateway.core.testing.OpenAiFakes.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.pipeline.CallInterceptor;
import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.ForwardingChunkSink;
import dev.aigateway.core.stream.SseEvent;
import dev.aigateway.core.testing.OpenAiFakes;
import dev.aigateway.core.testing.TestGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Call interceptors: around routing, once per call. */
class CallInterceptorTest {
    private final MockWebServer server = new MockWebServer();
    private TestGateway test;

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        test.close();
        server.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    private TestGateway gateway(CallInterceptor... interceptors) {
        test = TestGateway.with(builder -> {
            for (CallInterceptor interceptor : interceptors) {
                builder.addInterceptor(interceptor);
            }
        });
        return test;
    }

    private String config() {
        return target(server.url("/v1").toString(), "k");
    }

    @Test
    void anInterceptorMayAnswerWithoutAnyUpstreamCall() throws Exception {
        gateway(chain -> new GatewayResponse.Complete(
                200,
                Headers.of("content-type", "application/json", "x-portkey-cache-status", "HIT"),
                OpenAiFakes.completion("from the interceptor").getBytes(StandardCharsets.UTF_8)));

        GatewayResponse response = test.chat(config(), CHAT_BODY);

        assertEquals(200, response.status());
        assertEquals(
                "from the interceptor",
                TestGateway.json(response).at("/choices/0/message/content").asText());
        assertEquals(0, server.getRequestCount(), "no upstream call");
        assertFalse(response.headers().value("x-portkey-trace-id").isEmpty(), "the trace id is still set");
        assertEquals("HIT", response.headers().value("x-portkey-cache-status"));
    }

    @Test
    void anInterceptorMayRewriteTheRequest() throws Exception {
        server.enqueue(ok("hi"));
        gateway(chain -> {
            ObjectNode params = chain.request().params().deepCopy();
            params.put("temperature", 0.25);
            return chain.proceed(chain.request().withParams(params));
        });

        GatewayResponse response = test.chat(config(), CHAT_BODY);

        assertEquals(200, response.status());
        RecordedRequest received = server.takeRequest(1, TimeUnit.SECONDS);
        JsonNode sent = Json.parse(received.getBody().utf8());
        assertEquals(0.25, sent.path("temperature").asDouble());
        assertEquals("gpt-4o", sent.path("model").asText());
    }

    @Test
    void anInterceptorMayReplaceACompleteAnswer() throws Exception {
        server.enqueue(ok("the model's words"));
        gateway(chain -> {
            GatewayResponse answer = chain.proceed(chain.request());
            ObjectNode body = (ObjectNode) Json.parseOrNull(((GatewayResponse.Complete) answer).body());
            ((ObjectNode) body.at("/choices/0/message")).put("content", "[redacted]");
            return new GatewayResponse.Complete(answer.status(), answer.headers(), Json.bytes(body));
        });

        GatewayResponse response = test.chat(config(), CHAT_BODY);

        assertEquals(
                "[redacted]",
                TestGateway.json(response).at("/choices/0/message/content").asText());
        assertEquals("config", response.headers().value("x-portkey-last-used-option-index"), "routing's headers stay");
    }

    @Test
    void anInterceptorMayChangeTheEventsOfAStream() throws Exception {
        server.enqueue(OpenAiFakes.stream("Hel", "lo"));
        List<Boolean> finished = new ArrayList<>();
        gateway(chain -> {
            GatewayResponse answer = chain.proceed(chain.request());
            if (!(answer instanceof GatewayResponse.Streaming streaming)) {
                return answer;
            }
            return streaming.withFilter(next -> new ForwardingChunkSink(next) {
                @Override
                public void event(String name, String data) throws IOException {
                    next.event(name, data.replace("Hel", "HEL").replace("\"lo\"", "\"LO\""));
                }

                @Override
                public void finish(boolean complete) throws IOException {
                    finished.add(complete);
                    next.finish(complete);
                }
            });
        });

        GatewayResponse response = test.chat(config(), STREAM_BODY);

        List<SseEvent> events = new ArrayList<>();
        assertInstanceOf(GatewayResponse.Streaming.class, response).events().writeTo((ChunkSink)
                (n, d) -> events.add(new SseEvent(n, d)));
        assertEquals(3, events.size(), events::toString);
        assertEquals("HEL", events.get(0).json().at("/choices/0/delta/content").asText());
        assertEquals("LO", events.get(1).json().at("/choices/0/delta/content").asText());
        assertEquals("[DONE]", events.get(2).data());
        assertEquals(List.of(true), finished, "the filter hears that the stream completed");
    }

    @Test
    void aGatewayExceptionFromAnInterceptorIsItsAnswer() throws Exception {
        gateway(chain -> {
            throw new GatewayException(403, "this key may not use that config");
        });

        GatewayResponse response = test.chat(config(), CHAT_BODY);

        assertEquals(403, response.status());
        assertEquals("failure", TestGateway.json(response).path("status").asText());
        assertEquals(
                "this key may not use that config",
                TestGateway.json(response).path("message").asText());
        assertTrue(response.headers().contains("x-portkey-trace-id"));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void interceptorsRunInTheOrderAdded() throws Exception {
        server.enqueue(ok("hi"));
        List<String> seen = new ArrayList<>();
        gateway(
                chain -> {
                    seen.add("first in");
                    GatewayResponse answer = chain.proceed(chain.request());
                    seen.add("first out");
                    return answer;
                },
                chain -> {
                    seen.add("second in");
                    GatewayResponse answer = chain.proceed(chain.request());
                    seen.add("second out");
                    return answer;
                });

        test.chat(config(), CHAT_BODY);

        assertEquals(List.of("first in", "second in", "second out", "first out"), seen);
    }
}
