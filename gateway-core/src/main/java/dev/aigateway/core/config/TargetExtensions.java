package dev.aigateway.core.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;

/**
 * Settings of a config node that extensions read, beyond the fixed fields of {@link Target}: each
 * value sits under a typed {@link Key} that also says how a node's own value combines with the one
 * it inherits. The config parser fills them (hooks and guardrails are the first), routing merges
 * them down the tree as it merges the fixed fields, and a target's merged set reaches the target
 * chain as {@link dev.aigateway.core.pipeline.LeafRequest#extensions()}. A new per-target setting
 * is then one key, with no new field on {@link Target}, routing or the leaf request. Immutable.
 */
public final class TargetExtensions {
    /** No extension settings. */
    public static final TargetExtensions NONE = new TargetExtensions(Map.of());

    private final Map<Key<?>, Object> values;

    private TargetExtensions(Map<Key<?>, Object> values) {
        this.values = Map.copyOf(values);
    }

    /** The value under {@code key}; empty when neither the node nor its ancestors set one. */
    public <T> Optional<T> get(Key<T> key) {
        return Optional.ofNullable(values.get(key)).map(key.type::cast);
    }

    /** These settings with {@code value} under {@code key}, replacing what was there. */
    public <T> TargetExtensions with(Key<T> key, T value) {
        Map<Key<?>, Object> copy = new HashMap<>(values);
        copy.put(key, key.type.cast(value));
        return new TargetExtensions(copy);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * What a node works with: these settings (its ancestors') merged with the node's {@code own},
     * key by key, by each key's rule.
     */
    public TargetExtensions mergedWith(TargetExtensions own) {
        if (own.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return own;
        }
        Map<Key<?>, Object> merged = new HashMap<>(values);
        own.values.forEach((key, value) -> merged.merge(key, value, key::inherit));
        return new TargetExtensions(merged);
    }

    @Override
    public String toString() {
        return "TargetExtensions" + values.keySet();
    }

    /**
     * A typed name for one setting, compared by identity: define each as a constant.
     *
     * @param <T> the setting's type, immutable
     */
    public static final class Key<T> {
        private final String name;
        private final Class<T> type;
        private final BinaryOperator<T> inherit;

        private Key(String name, Class<T> type, BinaryOperator<T> inherit) {
            this.name = name;
            this.type = type;
            this.inherit = inherit;
        }

        /** A setting that a node's own value replaces whole, as {@code retry} is. */
        public static <T> Key<T> of(String name, Class<T> type) {
            return new Key<>(name, type, (parent, own) -> own);
        }

        /**
         * A setting whose inherited and own values {@code inherit} combines: it receives the
         * parent's value first, the node's second.
         */
        public static <T> Key<T> of(String name, Class<T> type, BinaryOperator<T> inherit) {
            return new Key<>(name, type, inherit);
        }

        public String name() {
            return name;
        }

        private Object inherit(Object parent, Object own) {
            return inherit.apply(type.cast(parent), type.cast(own));
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
