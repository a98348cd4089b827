package dev.aigateway.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The prompts a semantic cache can match, in this process: for each partition (same target,
 * namespace and parameters), up to {@link #MAX_PER_PARTITION} unit vectors, each with the key of
 * the answer it was stored with. A lookup scans its partition and returns the most similar
 * prompt at or above the threshold. Bounded in bytes: the least useful partitions are evicted
 * whole. Partitions are replaced on write, so reads take no lock.
 */
final class SemanticIndex {
    /** The newest prompts kept per partition; a lookup compares against each. */
    static final int MAX_PER_PARTITION = 1_000;

    private final Cache<String, Partition> partitions;

    SemanticIndex(long maxBytes) {
        this.partitions = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Partition partition) -> partition.weight())
                .executor(Runnable::run)
                .build();
    }

    /** The key of the most similar live prompt of {@code partition}, if one reaches {@code threshold}. */
    Optional<String> nearest(String partition, float[] vector, double threshold, long nowMillis) {
        Partition prompts = partitions.getIfPresent(partition);
        if (prompts == null) {
            return Optional.empty();
        }
        float[] unit = unit(vector);
        Prompt best = null;
        double bestSimilarity = threshold;
        for (Prompt prompt : prompts.prompts()) {
            if (prompt.expiresAtMillis() <= nowMillis || prompt.vector().length != unit.length) {
                continue;
            }
            double similarity = dot(unit, prompt.vector());
            if (similarity >= bestSimilarity) {
                best = prompt;
                bestSimilarity = similarity;
            }
        }
        return Optional.ofNullable(best).map(Prompt::key);
    }

    /** Adds a prompt's vector with the key of its answer; the oldest go past the partition's limit. */
    void add(String partition, float[] vector, String key, long expiresAtMillis, long nowMillis) {
        Prompt prompt = new Prompt(unit(vector), key, expiresAtMillis);
        partitions.asMap().compute(partition, (k, old) -> {
            List<Prompt> kept = new ArrayList<>();
            if (old != null) {
                for (Prompt p : old.prompts()) {
                    if (p.expiresAtMillis() > nowMillis && !p.key().equals(key)) {
                        kept.add(p);
                    }
                }
            }
            if (kept.size() >= MAX_PER_PARTITION) {
                kept.subList(0, kept.size() - MAX_PER_PARTITION + 1).clear();
            }
            kept.add(prompt);
            return new Partition(List.copyOf(kept));
        });
    }

    /** Forgets the prompt whose answer is no longer stored. */
    void remove(String partition, String key) {
        partitions.asMap().computeIfPresent(partition, (k, old) -> {
            List<Prompt> kept = new ArrayList<>(old.prompts());
            kept.removeIf(p -> p.key().equals(key));
            return kept.isEmpty() ? null : new Partition(List.copyOf(kept));
        });
    }

    private static float[] unit(float[] vector) {
        double norm = Math.sqrt(dot(vector, vector));
        float[] unit = new float[vector.length];
        if (norm > 0) {
            for (int i = 0; i < vector.length; i++) {
                unit[i] = (float) (vector[i] / norm);
            }
        }
        return unit;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** A prompt's unit vector and the key of its answer. */
    private record Prompt(float[] vector, String key, long expiresAtMillis) {}

    private record Partition(List<Prompt> prompts) {
        int weight() {
            long bytes = 64;
            for (Prompt prompt : prompts) {
                bytes += 4L * prompt.vector().length + 2L * prompt.key().length() + 96;
            }
            return (int) Math.min(Integer.MAX_VALUE, bytes);
        }
    }
}
