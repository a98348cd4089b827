package dev.aigateway.core.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The default {@link Embedder}: an embeddings request ({@code {"input": text}}) with the target as
 * its config, sent through a gateway of its own that carries no interceptors (so a cache, a limit
 * or a key check of the main gateway does not apply to it). The gateway is made on first use and
 * closed with the cache.
 */
final class GatewayEmbedder implements Embedder, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GatewayEmbedder.class.getName());

    private final Supplier<Gateway> factory;
    private Gateway gateway;
    private boolean closed;

    GatewayEmbedder(Supplier<Gateway> factory) {
        this.factory = factory;
    }

    @Override
    public Optional<float[]> embed(ObjectNode target, String text) {
        Gateway embeddings = gateway();
        if (embeddings == null) {
            return Optional.empty();
        }
        ObjectNode body = Json.object().put("input", text);
        GatewayResponse response = embeddings.handle(
                GatewayRequest.builder(Endpoint.EMBED).config(target).body(body).build());
        if (!(response instanceof GatewayResponse.Complete complete) || response.status() != 200) {
            response.discard();
            LOG.log(
                    Level.WARNING,
                    "semantic cache: the embeddings target answered " + response.status()
                            + "; prompts are matched exactly");
            return Optional.empty();
        }
        return vector(Json.parseOrNull(complete.body()));
    }

    private static Optional<float[]> vector(JsonNode answer) {
        JsonNode embedding = answer == null ? null : answer.path("data").path(0).path("embedding");
        if (embedding == null || !embedding.isArray() || embedding.isEmpty()) {
            LOG.warning("semantic cache: the embeddings answer holds no vector; prompts are matched exactly");
            return Optional.empty();
        }
        float[] vector = new float[embedding.size()];
        for (int i = 0; i < vector.length; i++) {
            if (!embedding.get(i).isNumber()) {
                return Optional.empty();
            }
            vector[i] = (float) embedding.get(i).asDouble();
        }
        return Optional.of(vector);
    }

    private synchronized Gateway gateway() {
        if (gateway == null && !closed) {
            gateway = factory.get();
        }
        return gateway;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (gateway != null) {
            gateway.close();
        }
    }
}
