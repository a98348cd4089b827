package dev.aigateway.core.config;

import java.util.Locale;
import java.util.Optional;

/** How a config node chooses among its targets. */
public enum StrategyMode {
    /** Always the first target. */
    SINGLE,
    /** Targets in order until one answers with a status that should not move on. */
    FALLBACK,
    /** One target picked at random by weight; no failover inside. */
    LOADBALANCE,
    /** The target named by the first matching condition, else the default. */
    CONDITIONAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode for its config spelling ({@code "fallback"}), if valid. */
    public static Optional<StrategyMode> fromWire(String value) {
        for (StrategyMode mode : values()) {
            if (mode.wireName().equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
