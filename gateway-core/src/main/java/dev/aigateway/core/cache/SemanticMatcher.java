package dev.aigateway.core.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.config.CacheConfig;
import dev.aigateway.core.pipeline.LeafRequest;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The semantic mode: embeds a request's prompt and finds an earlier prompt of the same partition
 * close enough to it, in this process's {@link SemanticIndex}. Thread-safe.
 */
final class SemanticMatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SemanticMatcher.class.getName());

    private final Embedder embedder;
    private final SemanticIndex index;

    SemanticMatcher(Embedder embedder, long indexBytes) {
        this.embedder = embedder;
        this.index = new SemanticIndex(indexBytes);
    }

    /**
     * The prompt's vector and partition, when the cache has an embeddings target, the request a
     * prompt of text, and the embedding succeeded; otherwise the request is matched exactly.
     */
    Optional<Prompt> prompt(LeafRequest request, CacheConfig cache, CacheKey key) {
        Optional<ObjectNode> target = cache.embeddings();
        Optional<PromptText> prompt = target.flatMap(t -> PromptText.of(
                request.providerRequest().endpoint(), request.providerRequest().params()));
        if (prompt.isEmpty()) {
            return Optional.empty();
        }
        Optional<float[]> vector;
        try {
            vector = embedder.embed(target.get(), prompt.get().text());
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "semantic cache: embedding failed (" + e.getClass().getName() + ")");
            vector = Optional.empty();
        }
        return vector.map(v -> new Prompt(key.partition(prompt.get().blanked(), target.get()), v));
    }

    /** The key of the answer to the most similar earlier prompt at or above {@code threshold}. */
    Optional<String> nearest(Prompt prompt, double threshold, long nowMillis) {
        return index.nearest(prompt.partition(), prompt.vector(), threshold, nowMillis);
    }

    /** Remembers that {@code key} holds the answer to {@code prompt}. */
    void add(Prompt prompt, String key, long expiresAtMillis, long nowMillis) {
        index.add(prompt.partition(), prompt.vector(), key, expiresAtMillis, nowMillis);
    }

    /** Forgets an answer the store no longer holds. */
    void forget(Prompt prompt, String key) {
        index.remove(prompt.partition(), key);
    }

    @Override
    public void close() {
        if (embedder instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(
                        Level.WARNING,
                        "semantic cache: the embedder failed to close ("
                                + e.getClass().getName() + ")");
            }
        }
    }

    /** A prompt's vector and the partition it is compared in. */
    record Prompt(String partition, float[] vector) {}
}
