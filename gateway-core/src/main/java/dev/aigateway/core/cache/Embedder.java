package dev.aigateway.core.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Turns a prompt into a vector for the semantic cache. The default sends an embeddings request to
 * the {@code embeddings} target of the cache config through a gateway; an application may plug
 * in another (a local model). Thread-safe.
 */
@FunctionalInterface
public interface Embedder {
    /**
     * The embedding of {@code text} by {@code target} (a leaf target's config, its model in
     * {@code override_params}); empty when it could not be had, and the cache then matches
     * prompts exactly.
     */
    Optional<float[]> embed(ObjectNode target, String text);
}
