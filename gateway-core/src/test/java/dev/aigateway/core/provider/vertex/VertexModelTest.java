package dev.aigateway.core.provider.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.provider.vertex.VertexModel.Publisher;
import org.junit.jupiter.api.Test;

class VertexModelTest {
    @Test
    void thePublisherComesFromTheModelName() {
        assertEquals(new VertexModel(Publisher.GOOGLE, "gemini-2.5-pro"), VertexModel.of("gemini-2.5-pro"));
        assertEquals(new VertexModel(Publisher.GOOGLE, "gemini-2.5-pro"), VertexModel.of("google.gemini-2.5-pro"));
        assertEquals(new VertexModel(Publisher.GOOGLE, "gemini-2.5-pro"), VertexModel.of("google/gemini-2.5-pro"));
        assertEquals(
                new VertexModel(Publisher.GOOGLE, "gemini-2.5-pro"),
                VertexModel.of("publishers/google/models/gemini-2.5-pro"));
        assertEquals(
                new VertexModel(Publisher.ANTHROPIC, "claude-sonnet-4@20250514"),
                VertexModel.of("anthropic.claude-sonnet-4@20250514"));
        assertEquals(
                new VertexModel(Publisher.ANTHROPIC, "claude-sonnet-4@20250514"),
                VertexModel.of("claude-sonnet-4@20250514"));
        assertEquals(
                new VertexModel(Publisher.ANTHROPIC, "claude-opus-4"),
                VertexModel.of("publishers/anthropic/models/claude-opus-4"));
        assertEquals(
                new VertexModel(Publisher.OPENAI_COMPATIBLE, "meta/llama-3.3-70b-instruct-maas"),
                VertexModel.of("meta.llama-3.3-70b-instruct-maas"));
        assertEquals(
                new VertexModel(Publisher.OPENAI_COMPATIBLE, "qwen/qwen3-235b-a22b-instruct-2507-maas"),
                VertexModel.of("qwen/qwen3-235b-a22b-instruct-2507-maas"));
        assertEquals(
                new VertexModel(Publisher.OPENAI_COMPATIBLE, "meta/llama-4"),
                VertexModel.of("publishers/meta/models/llama-4"));
    }

    @Test
    void unservedPrefixesAndEmptyModelsAre400s() {
        assertEquals(
                "Model is required",
                assertThrows(GatewayException.class, () -> VertexModel.of(" ")).getMessage());
        assertThrows(GatewayException.class, () -> VertexModel.of("mistralai.mistral-large"));
        assertThrows(GatewayException.class, () -> VertexModel.of("endpoints.1234"));
        assertThrows(GatewayException.class, () -> VertexModel.of("gemini\r\nx-injected: 1"));
    }

    @Test
    void theModelCannotLeaveItsPathSegment() {
        assertEquals(
                "claude-sonnet-4@20250514",
                VertexModel.of("claude-sonnet-4@20250514").pathSegment());
        assertEquals(
                "gemini%3AstreamGenerateContent%3Fx%3D1",
                VertexModel.of("gemini:streamGenerateContent?x=1").pathSegment());
        assertEquals("..%2Fx", VertexModel.of("google/../x").pathSegment());
        assertThrows(GatewayException.class, () -> VertexModel.of("google/..").pathSegment());
    }
}
