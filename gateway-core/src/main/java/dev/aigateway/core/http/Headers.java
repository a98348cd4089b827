package dev.aigateway.core.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * An immutable, ordered list of HTTP header fields with case-insensitive lookup. Names are stored
 * lower-cased, as HTTP/2 and Portkey's gateway present them.
 */
public final class Headers {
    private static final Headers EMPTY = new Headers(List.of());

    private final List<String> namesAndValues;

    private Headers(List<String> namesAndValues) {
        this.namesAndValues = namesAndValues;
    }

    public static Headers empty() {
        return EMPTY;
    }

    /** Headers from alternating names and values: {@code of("a", "1", "b", "2")}. */
    public static Headers of(String... namesAndValues) {
        Builder builder = builder();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder newBuilder() {
        Builder builder = new Builder();
        builder.namesAndValues.addAll(namesAndValues);
        return builder;
    }

    /**
     * These headers with every value of {@code name} replaced by {@code value}, added last: what
     * {@code newBuilder().set(name, value).build()} makes, with one copy.
     */
    public Headers with(String name, String value) {
        String lower = lower(name);
        int kept = 0;
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            kept += namesAndValues.get(i).equals(lower) ? 0 : 2;
        }
        String[] result = new String[kept + 2];
        int at = 0;
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            if (!namesAndValues.get(i).equals(lower)) {
                result[at++] = namesAndValues.get(i);
                result[at++] = namesAndValues.get(i + 1);
            }
        }
        result[at++] = lower;
        result[at] = value;
        return new Headers(List.of(result));
    }

    /** The first value of {@code name}, if present. */
    public Optional<String> first(String name) {
        return Optional.ofNullable(value(name));
    }

    /** The first value of {@code name}, or {@code null}. */
    public String value(String name) {
        String lower = lower(name);
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            if (namesAndValues.get(i).equals(lower)) {
                return namesAndValues.get(i + 1);
            }
        }
        return null;
    }

    public List<String> values(String name) {
        String lower = lower(name);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            if (namesAndValues.get(i).equals(lower)) {
                result.add(namesAndValues.get(i + 1));
            }
        }
        return Collections.unmodifiableList(result);
    }

    public boolean contains(String name) {
        return value(name) != null;
    }

    public int size() {
        return namesAndValues.size() / 2;
    }

    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            action.accept(namesAndValues.get(i), namesAndValues.get(i + 1));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Headers h && h.namesAndValues.equals(namesAndValues);
    }

    @Override
    public int hashCode() {
        return namesAndValues.hashCode();
    }

    /** Names only: values may hold credentials. */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        forEach((name, value) -> names.add(name));
        return "Headers" + names;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Builds {@link Headers}; not thread-safe. */
    public static final class Builder {
        private final List<String> namesAndValues = new ArrayList<>();

        private Builder() {}

        public Builder add(String name, String value) {
            namesAndValues.add(lower(name));
            namesAndValues.add(value);
            return this;
        }

        /** Replaces every value of {@code name} with {@code value}. */
        public Builder set(String name, String value) {
            remove(name);
            return add(name, value);
        }

        public Builder remove(String name) {
            String lower = lower(name);
            for (int i = namesAndValues.size() - 2; i >= 0; i -= 2) {
                if (namesAndValues.get(i).equals(lower)) {
                    namesAndValues.remove(i + 1);
                    namesAndValues.remove(i);
                }
            }
            return this;
        }

        public Builder addAll(Headers headers) {
            namesAndValues.addAll(headers.namesAndValues);
            return this;
        }

        public boolean contains(String name) {
            String lower = lower(name);
            for (int i = 0; i < namesAndValues.size(); i += 2) {
                if (namesAndValues.get(i).equals(lower)) {
                    return true;
                }
            }
            return false;
        }

        public Headers build() {
            return new Headers(List.copyOf(namesAndValues));
        }
    }
}
