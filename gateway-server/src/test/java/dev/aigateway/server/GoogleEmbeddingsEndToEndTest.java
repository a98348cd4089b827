package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.internal.Json;
import dev.aigateway.server.fakes.FakeVertex;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * openai-java's embeddings on Gemini (AI Studio). The SDK asks for {@code encoding_format:
 * "base64"} unless told otherwise and decodes the answer; Gemini returns floats, which the gateway
 * encodes. One text goes to {@code embedContent}, a list to {@code batchEmbedContents}.
 */
class GoogleEmbeddingsEndToEndTest {
    private final MockWebServer gemini = new MockWebServer();
    private GatewayServer server;
    private OpenAIClient client;

    @BeforeEach
    void start() throws Exception {
        gemini.setDispatcher(new FakeVertex(token -> false, "g-key"));
        gemini.start();
        server = GatewayServer.builder()
                .port(0)
                .gateway(Gateway.builder().build())
                .build()
                .start();
        client = OpenAiClients.withConfig(
                server, "{\"provider\":\"google\",\"api_key\":\"g-key\",\"custom_host\":\"" + gemini.url("") + "\"}");
    }

    @AfterEach
    void stop() {
        server.close();
        gemini.close();
    }

    @Test
    void oneTextIsEmbeddedAndDecodedBySdk() throws Exception {
        CreateEmbeddingResponse answer = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("gemini-embedding-001")
                        .input("hello")
                        .build());

        assertVector(answer.data().get(0).embedding());
        RecordedRequest sent = gemini.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1beta/models/gemini-embedding-001:embedContent", sent.getTarget());
        JsonNode body = Json.parse(sent.getBody().utf8());
        assertEquals("hello", body.at("/content/parts/0/text").asText());
        assertFalse(body.has("encoding_format"));
    }

    @Test
    void aListGoesToTheBatchMethodAndComesBackInOrder() throws Exception {
        CreateEmbeddingResponse answer = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("gemini-embedding-001")
                        .inputOfArrayOfStrings(List.of("one", "two", "three"))
                        .build());

        assertEquals(3, answer.data().size());
        for (int i = 0; i < 3; i++) {
            assertEquals(i, answer.data().get(i).index());
            assertVector(answer.data().get(i).embedding());
        }
        RecordedRequest sent = gemini.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1beta/models/gemini-embedding-001:batchEmbedContents", sent.getTarget());
        assertEquals(
                "models/gemini-embedding-001",
                Json.parse(sent.getBody().utf8()).at("/requests/2/model").asText());
    }

    private static void assertVector(List<Float> vector) {
        assertEquals(FakeVertex.EMBEDDING.length, vector.size());
        for (int i = 0; i < vector.size(); i++) {
            assertEquals(FakeVertex.EMBEDDING[i], vector.get(i));
        }
    }
}
