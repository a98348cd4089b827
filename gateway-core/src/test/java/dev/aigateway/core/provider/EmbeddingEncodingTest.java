package dev.aigateway.core.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one place embeddings are checked and encoded for the providers that answer with floats. */
class EmbeddingEncodingTest {
    private static ProviderRequest request(String body) throws Exception {
        ObjectNode params = (ObjectNode) Json.parse(body);
        return new ProviderRequest(
                Endpoint.EMBED,
                ProviderOptions.of("google", "k"),
                params,
                params.path("stream").asBoolean(false),
                Headers.empty(),
                true,
                TransformContext.system());
    }

    @Test
    void base64IsLittleEndianFloat32AsOpenAiSends() throws Exception {
        String encoded = EmbeddingEncoding.toBase64(Json.parse("[0.25,-0.5,1.0]"));

        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0.25f, bytes.getFloat());
        assertEquals(-0.5f, bytes.getFloat());
        assertEquals(1.0f, bytes.getFloat());
        assertFalse(bytes.hasRemaining());
    }

    @Test
    void theListIsOpenAisAnswerEncodedAsAsked() throws Exception {
        var vectors = List.of(Json.parse("[0.25,-0.5]"), Json.parse("[1.0]"));

        ObjectNode floats = EmbeddingEncoding.list(vectors, "m", 3, request("{\"input\":\"x\"}"));
        ObjectNode base64 =
                EmbeddingEncoding.list(vectors, "m", 3, request("{\"input\":\"x\",\"encoding_format\":\"base64\"}"));

        assertEquals(
                "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.25,-0.5]},"
                        + "{\"object\":\"embedding\",\"index\":1,\"embedding\":[1.0]}],\"model\":\"m\","
                        + "\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3},\"provider\":\"google\"}",
                Json.text(floats));
        assertEquals(
                EmbeddingEncoding.toBase64(vectors.get(0)),
                base64.path("data").get(0).path("embedding").asText());
    }

    @Test
    void encodeDataReplacesFloatVectorsAndLeavesEncodedOnes() throws Exception {
        ObjectNode answer = (ObjectNode)
                Json.parse("{\"data\":[{\"embedding\":[1.0]},{\"embedding\":\"AACAPw==\"}],\"model\":\"m\"}");

        EmbeddingEncoding.encodeData(answer);

        assertEquals("AACAPw==", answer.path("data").get(0).path("embedding").asText());
        assertEquals("AACAPw==", answer.path("data").get(1).path("embedding").asText());
    }

    @Test
    void textsAreAStringOrStrings() throws Exception {
        assertEquals(List.of("a"), EmbeddingEncoding.texts(request("{\"input\":\"a\"}")));
        assertEquals(List.of("a", "b"), EmbeddingEncoding.texts(request("{\"input\":[\"a\",\"b\"]}")));
    }

    @Test
    void whatNoFloatProviderTakesIsA400() throws Exception {
        assertRefused("{\"input\":[[1,2]]}", "google embeds text");
        assertRefused("{\"input\":[]}", "non-empty");
        assertRefused("{}", "non-empty");
        assertRefused("{\"input\":\"a\",\"stream\":true}", "cannot be streamed");
        assertRefused("{\"input\":\"a\",\"encoding_format\":\"int8\"}", "encoding_format must be");
        assertRefused("{\"input\":\"a\",\"encoding_format\":1}", "encoding_format must be");
    }

    private static void assertRefused(String body, String messagePart) {
        GatewayException e = assertThrows(GatewayException.class, () -> EmbeddingEncoding.texts(request(body)));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }
}
