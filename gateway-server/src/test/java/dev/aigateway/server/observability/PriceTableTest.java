package dev.aigateway.server.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.event.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableTest {
    private final PriceTable shipped = PriceTable.shipped();

    private static Usage usage(long in, long out, long read, long write, long reasoning) {
        return new Usage(
                OptionalLong.of(in),
                OptionalLong.of(out),
                OptionalLong.of(read),
                OptionalLong.of(write),
                OptionalLong.of(reasoning));
    }

    @Test
    void plainInputAndOutput() {
        // $0.15 and $0.60 per million
        assertEquals(
                0.00045,
                shipped.cost("openai", "gpt-4o-mini", Usage.of(1000, 500)).getAsDouble(),
                1e-12);
    }

    @Test
    void cacheReadsAndWritesAndReasoningAtTheirPrices() {
        // claude-sonnet-4: input $3, cache read $0.30, cache write $3.75, output $15 per million;
        // 10,000 input tokens of which 6,000 read from and 2,000 written to the cache
        double cost = shipped.cost("anthropic", "claude-sonnet-4-20250514", usage(10_000, 1_000, 6_000, 2_000, 0))
                .getAsDouble();
        assertEquals((2_000 * 3 + 6_000 * 0.3 + 2_000 * 3.75 + 1_000 * 15) / 1e6, cost, 1e-12);
        // o3: reasoning billed as output when it has no price of its own
        assertEquals(
                (1_000 * 2.0 + 1_000 * 8.0) / 1e6,
                shipped.cost("openai", "o3", usage(1_000, 1_000, 0, 0, 800)).getAsDouble(),
                1e-12);
    }

    @Test
    void datedAndLatestNamesFindTheirModel() {
        assertTrue(shipped.cost("openai", "gpt-4o-2024-08-06", Usage.of(1, 1)).isPresent());
        assertTrue(shipped.cost("anthropic", "claude-3-5-haiku-latest", Usage.of(1, 1))
                .isPresent());
    }

    @Test
    void unknownModelsProvidersAndUsageAreUnknownNeverZero() {
        assertEquals(OptionalDouble.empty(), shipped.cost("openai", "gpt-nonexistent", Usage.of(1, 1)));
        assertEquals(OptionalDouble.empty(), shipped.cost("nowhere", "gpt-4o", Usage.of(1, 1)));
        assertEquals(OptionalDouble.empty(), shipped.cost("openai", "gpt-4o", Usage.UNKNOWN));
    }

    @Test
    void anEmbeddingHasNoOutput() {
        Usage embedding = new Usage(OptionalLong.of(1_000_000), OptionalLong.empty());
        assertEquals(
                0.02,
                shipped.cost("openai", "text-embedding-3-small", embedding).getAsDouble(),
                1e-12);
    }

    @Test
    void aFileOverridesAndAddsModels(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(
                file,
                "{\"openai\":{\"gpt-4o\":{\"input\":1,\"output\":2}},"
                        + "\"vllm\":{\"my-llama\":{\"input\":0.01,\"output\":0.02}}}");
        PriceTable table = PriceTable.shippedWith(file);
        assertEquals(3e-6, table.cost("openai", "gpt-4o", Usage.of(1, 1)).getAsDouble(), 1e-15);
        assertEquals(3e-8, table.cost("vllm", "my-llama", Usage.of(1, 1)).getAsDouble(), 1e-15);
        assertTrue(table.cost("openai", "gpt-4o-mini", Usage.of(1, 1)).isPresent(), "the rest stays");
    }

    @Test
    void aBadFileSaysWhatAndWhere(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, "{\"openai\":{\"gpt-4o\":{\"input\":1,\"outptu\":2}}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PriceTable.shippedWith(file));
        assertTrue(e.getMessage().contains("openai.gpt-4o.outptu is unknown"), e.getMessage());
        Files.writeString(file, "{\"openai\":{\"gpt-4o\":{\"input\":-1}}}");
        e = assertThrows(IllegalArgumentException.class, () -> PriceTable.shippedWith(file));
        assertTrue(e.getMessage().contains("openai.gpt-4o.input must be a number of at least 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PriceTable.shippedWith(dir.resolve("missing.json")));
    }
}
