package dev.aigateway.core.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/** Returns the given values from {@link #nextDouble()}, in order. */
public final class FakeRandom implements RandomGenerator {
    private final Deque<Double> values = new ArrayDeque<>();

    public FakeRandom(double... next) {
        for (double value : next) {
            values.add(value);
        }
    }

    @Override
    public double nextDouble() {
        return values.isEmpty() ? 0.0 : values.removeFirst();
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("only nextDouble is faked");
    }
}
