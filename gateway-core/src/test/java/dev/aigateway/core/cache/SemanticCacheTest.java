package dev.aigateway.core.cache;

import static dev.aigateway.core.cache.CacheTesting.chat;
import static dev.aigateway.core.cache.CacheTesting.embeddings;
import static dev.aigateway.core.testing.OpenAiFakes.error;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.testing.TestGateway;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The semantic mode: near-duplicate prompts of the same target and parameters share an answer. */
class SemanticCacheTest {
    private final MockWebServer chatServer = new MockWebServer();
    private final MockWebServer embeddingsServer = new MockWebServer();
    private final TestGateway test = TestGateway.with(builder -> builder.addTargetInterceptor(ResponseCache.create()));

    @BeforeEach
    void start() throws Exception {
        chatServer.start();
        embeddingsServer.start();
    }

    @AfterEach
    void stop() {
        test.close();
        chatServer.close();
        embeddingsServer.close();
    }

    private String config(String similarity) {
        return "{\"provider\":\"openai\",\"api_key\":\"k1\",\"custom_host\":\"" + chatServer.url("/v1")
                + "\",\"cache\":{\"mode\":\"semantic\"" + similarity + ",\"embeddings\":{\"provider\":\"openai\","
                + "\"api_key\":\"embedding-key\",\"custom_host\":\"" + embeddingsServer.url("/v1")
                + "\",\"model\":\"text-embedding-3-small\"}}}";
    }

    private static String ask(String prompt) {
        return "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
    }

    private GatewayResponse send(String config, String body) {
        return test.gateway.handle(chat(config, body));
    }

    @Test
    void aNearDuplicatePromptIsASemanticHitAndADistantOneMisses() throws Exception {
        embeddingsServer.enqueue(embeddings(1f, 0f, 0f));
        embeddingsServer.enqueue(embeddings(0.99f, 0.1f, 0f)); // cosine 0.995
        embeddingsServer.enqueue(embeddings(0.8f, 0.6f, 0f)); // cosine 0.8, below 0.95
        chatServer.enqueue(ok("Paris"));
        chatServer.enqueue(ok("It depends"));
        String config = config("");

        GatewayResponse first = send(config, ask("What is the capital of France?"));
        GatewayResponse near = send(config, ask("What's the capital of France?"));
        GatewayResponse far = send(config, ask("Which city is France governed from, historically?"));

        assertEquals("MISS", first.headers().value("x-portkey-cache-status"));
        assertEquals("SEMANTIC HIT", near.headers().value("x-portkey-cache-status"));
        assertEquals(TestGateway.text(first), TestGateway.text(near));
        assertEquals("config", near.headers().value("x-portkey-last-used-option-index"));
        assertEquals("MISS", far.headers().value("x-portkey-cache-status"));
        assertTrue(TestGateway.text(far).contains("It depends"));
        assertEquals(2, chatServer.getRequestCount());

        RecordedRequest embedded = embeddingsServer.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1/embeddings", embedded.getUrl().encodedPath());
        assertEquals("Bearer embedding-key", embedded.getHeaders().get("authorization"));
        var body = Json.parse(embedded.getBody().utf8());
        assertEquals("What is the capital of France?", body.path("input").asText());
        assertEquals("text-embedding-3-small", body.path("model").asText());
    }

    @Test
    void theThresholdComesFromTheConfig() throws Exception {
        embeddingsServer.enqueue(embeddings(1f, 0f, 0f));
        embeddingsServer.enqueue(embeddings(0.8f, 0.6f, 0f)); // cosine 0.8
        chatServer.enqueue(ok("Paris"));
        String config = config(",\"similarity\":0.75");

        send(config, ask("What is the capital of France?"));
        GatewayResponse near = send(config, ask("Capital of France, please"));

        assertEquals("SEMANTIC HIT", near.headers().value("x-portkey-cache-status"));
        assertEquals(1, chatServer.getRequestCount());
    }

    @Test
    void otherParametersAreAnotherPartition() throws Exception {
        embeddingsServer.enqueue(embeddings(1f, 0f, 0f));
        embeddingsServer.enqueue(embeddings(1f, 0f, 0f));
        chatServer.enqueue(ok("Paris"));
        chatServer.enqueue(ok("PARIS"));
        String config = config("");

        send(config, ask("What is the capital of France?"));
        GatewayResponse other = send(
                config, ask("What's the capital of France?").replace("\"gpt-4o\"", "\"gpt-4o\",\"temperature\":2"));

        assertEquals("MISS", other.headers().value("x-portkey-cache-status"));
        assertEquals(2, chatServer.getRequestCount());
    }

    @Test
    void anIdenticalPromptIsAnExactHitWithoutEmbeddingAgain() throws Exception {
        embeddingsServer.enqueue(embeddings(1f, 0f, 0f));
        chatServer.enqueue(ok("Paris"));
        String config = config("");

        send(config, ask("What is the capital of France?"));
        GatewayResponse again = send(config, ask("What is the capital of France?"));

        assertEquals("HIT", again.headers().value("x-portkey-cache-status"));
        assertEquals(1, embeddingsServer.getRequestCount());
    }

    @Test
    void whenEmbeddingFailsPromptsAreMatchedExactly() throws Exception {
        embeddingsServer.enqueue(error(500, "embeddings down"));
        embeddingsServer.enqueue(error(500, "embeddings down"));
        chatServer.enqueue(ok("Paris"));
        chatServer.enqueue(ok("Paris again"));
        String config = config("");

        GatewayResponse first = send(config, ask("What is the capital of France?"));
        GatewayResponse near = send(config, ask("What's the capital of France?"));
        GatewayResponse same = send(config, ask("What is the capital of France?"));

        assertEquals(200, first.status());
        assertEquals("MISS", near.headers().value("x-portkey-cache-status"));
        assertEquals("HIT", same.headers().value("x-portkey-cache-status"));
        assertEquals(2, chatServer.getRequestCount());
    }

    @Test
    void semanticWithoutAnEmbeddingsTargetMatchesExactly() throws Exception {
        chatServer.enqueue(ok("Paris"));
        chatServer.enqueue(ok("Paris again"));
        String config = "{\"provider\":\"openai\",\"api_key\":\"k1\",\"custom_host\":\"" + chatServer.url("/v1")
                + "\",\"cache\":{\"mode\":\"semantic\"}}";

        send(config, ask("What is the capital of France?"));
        GatewayResponse near = send(config, ask("What's the capital of France?"));
        GatewayResponse same = send(config, ask("What is the capital of France?"));

        assertEquals("MISS", near.headers().value("x-portkey-cache-status"));
        assertEquals("HIT", same.headers().value("x-portkey-cache-status"));
    }
}
