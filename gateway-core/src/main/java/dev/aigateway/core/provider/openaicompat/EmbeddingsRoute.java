package dev.aigateway.core.provider.openaicompat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where an OpenAI-compatible provider serves embeddings, and the parameters it names differently
 * or rejects there (its chat exclusions do not apply to embeddings). Immutable.
 *
 * <pre>{@code
 * EmbeddingsRoute.at("/embeddings").rename("dimensions", "output_dimension").exclude("user")
 * }</pre>
 *
 * @param path the path relative to the base URL
 * @param renamed OpenAI parameter → the provider's name for it
 * @param excluded parameters removed before sending
 */
public record EmbeddingsRoute(String path, Map<String, String> renamed, Set<String> excluded) {
    public EmbeddingsRoute {
        renamed = Map.copyOf(renamed);
        excluded = Set.copyOf(excluded);
    }

    /** Embeddings at {@code path}, every parameter but {@code encoding_format} passed as it came. */
    public static EmbeddingsRoute at(String path) {
        return new EmbeddingsRoute(path, Map.of(), Set.of());
    }

    public EmbeddingsRoute rename(String from, String to) {
        Map<String, String> more = new LinkedHashMap<>(renamed);
        more.put(from, to);
        return new EmbeddingsRoute(path, more, excluded);
    }

    public EmbeddingsRoute exclude(String... params) {
        Set<String> more = new TreeSet<>(excluded);
        more.addAll(Set.of(params));
        return new EmbeddingsRoute(path, renamed, more);
    }
}
