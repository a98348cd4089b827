package dev.aigateway.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Portkey's {@code cache} object: {@code {"mode": "simple" | "semantic", "max_age": n}}, and for
 * this project's gateway the semantic mode's {@code similarity} and {@code embeddings} target.
 * Immutable: the {@code with...} methods return a changed copy.
 */
public final class Cache extends ConfigValue {
    /** Portkey's cache modes. */
    public enum Mode {
        /** Exact match on the request. */
        SIMPLE,
        /**
         * Similar-meaning match: hosted Portkey, and this project's gateway given an
         * {@link #withEmbeddings embeddings target}; Portkey's OSS gateway treats it as simple.
         */
        SEMANTIC;

        /** The value of {@code mode} in the config JSON. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Mode mode;
    private final Long maxAge;
    private final Double similarity;
    private final Target embeddings;

    private Cache(Mode mode, Long maxAge, Double similarity, Target embeddings) {
        super(toJson(mode, maxAge, similarity, embeddings));
        this.mode = mode;
        this.maxAge = maxAge;
        this.similarity = similarity;
        this.embeddings = embeddings;
    }

    public static Cache of(Mode mode) {
        return new Cache(Objects.requireNonNull(mode, "mode"), null, null, null);
    }

    public static Cache simple() {
        return of(Mode.SIMPLE);
    }

    public static Cache semantic() {
        return of(Mode.SEMANTIC);
    }

    public Mode mode() {
        return mode;
    }

    public OptionalLong maxAge() {
        return maxAge == null ? OptionalLong.empty() : OptionalLong.of(maxAge);
    }

    /**
     * Sets {@code max_age}, written as given. It is a number and not a {@code Duration} on purpose:
     * Portkey's docs say seconds, while the OSS gateway 1.15.2 reads milliseconds, so the unit depends
     * on the gateway you target.
     */
    public Cache withMaxAge(long maxAge) {
        if (maxAge < 0) {
            throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
        }
        return new Cache(mode, maxAge, similarity, embeddings);
    }

    /** The semantic mode's threshold: the cosine similarity from which two prompts count as one. */
    public Cache withSimilarity(double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException("similarity must be above 0 and at most 1: " + value);
        }
        return new Cache(mode, maxAge, value, embeddings);
    }

    /**
     * The semantic mode's embeddings target: a provider, its key and the model in
     * {@code override_params}, e.g. {@code Target.builder().provider("openai").apiKey(key)
     * .overrideParams(Map.of("model", "text-embedding-3-small")).build()}.
     */
    public Cache withEmbeddings(Target target) {
        return new Cache(mode, maxAge, similarity, Objects.requireNonNull(target, "target"));
    }

    private static ObjectNode toJson(Mode mode, Long maxAge, Double similarity, Target embeddings) {
        ObjectNode json = newObject();
        json.put("mode", mode.wireName());
        if (maxAge != null) {
            json.set("max_age", wholeNumber(maxAge));
        }
        if (similarity != null) {
            json.put("similarity", similarity);
        }
        if (embeddings != null) {
            json.set("embeddings", embeddings.toJsonNode());
        }
        return json;
    }
}
