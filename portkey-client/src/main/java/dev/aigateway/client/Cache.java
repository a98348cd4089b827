package dev.aigateway.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Portkey's {@code cache} object: {@code {"mode": "simple" | "semantic", "max_age": n}}.
 * Immutable: {@link #withMaxAge(long)} returns a changed copy.
 */
public final class Cache extends ConfigValue {
    /** Portkey's cache modes. */
    public enum Mode {
        /** Exact match on the request. */
        SIMPLE,
        /** Similar-meaning match; hosted Portkey only (the OSS gateway treats it as simple). */
        SEMANTIC;

        /** The value of {@code mode} in the config JSON. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Mode mode;
    private final Long maxAge;

    private Cache(Mode mode, Long maxAge) {
        super(toJson(mode, maxAge));
        this.mode = mode;
        this.maxAge = maxAge;
    }

    public static Cache of(Mode mode) {
        return new Cache(Objects.requireNonNull(mode, "mode"), null);
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
        return new Cache(mode, maxAge);
    }

    private static ObjectNode toJson(Mode mode, Long maxAge) {
        ObjectNode json = newObject();
        json.put("mode", mode.wireName());
        if (maxAge != null) {
            json.set("max_age", wholeNumber(maxAge));
        }
        return json;
    }
}
