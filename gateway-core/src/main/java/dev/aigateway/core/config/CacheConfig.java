package dev.aigateway.core.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A node's {@code cache}: {@code {"mode": "simple" | "semantic", "max_age": seconds}}, and for the
 * semantic mode the {@code similarity} a prompt must reach and the {@code embeddings} target that
 * embeds prompts. Inherited down the config tree as {@code retry} is (a child's replaces the
 * parent's whole). Immutable.
 *
 * @param maxAgeSeconds how long an answer stays cached; absent means the cache's default
 * @param similarity the cosine similarity from which a prompt counts as the same (semantic mode)
 * @param embeddings the validated config of a leaf target that serves embeddings, its model in
 *     {@code override_params}; it may hold an API key, so it is never printed
 */
public record CacheConfig(
        String mode, OptionalLong maxAgeSeconds, OptionalDouble similarity, Optional<ObjectNode> embeddings) {
    public static final String SIMPLE = "simple";
    public static final String SEMANTIC = "semantic";

    public CacheConfig {
        embeddings = embeddings.map(ObjectNode::deepCopy);
    }

    /** A cache without the semantic settings. */
    public CacheConfig(String mode, OptionalLong maxAgeSeconds) {
        this(mode, maxAgeSeconds, OptionalDouble.empty(), Optional.empty());
    }

    /** A copy of the embeddings target's config: the tree is shared by every request with this config. */
    @Override
    public Optional<ObjectNode> embeddings() {
        return embeddings.map(ObjectNode::deepCopy);
    }

    public boolean semantic() {
        return SEMANTIC.equals(mode);
    }

    /** The embeddings target is left out: it may hold an API key. */
    @Override
    public String toString() {
        return "CacheConfig[mode=" + mode + ", maxAgeSeconds=" + maxAgeSeconds + ", similarity=" + similarity
                + ", embeddings=" + (embeddings.isPresent() ? "<set>" : "<none>") + "]";
    }
}
