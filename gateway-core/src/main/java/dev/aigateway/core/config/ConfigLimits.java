package dev.aigateway.core.config;

/**
 * How much one config may ask of the gateway. Callers write configs, and a caller may be hostile,
 * so every dimension that costs the gateway work per request has a ceiling here; a config beyond
 * one is refused with a 400 naming the JSON path, before anything is called. The values are listed
 * in {@code docs/configuration.md} and explained in {@code docs/security.md}; change them together.
 */
public final class ConfigLimits {
    /**
     * The longest {@code x-portkey-config} text, in characters. Real configs are a few KiB; Portkey
     * itself runs behind proxies that cap all headers together at 16-32 KiB.
     */
    public static final int MAX_CONFIG_CHARS = 64 * 1024;

    /** How deep {@code targets} may nest: the root's targets are level 1. */
    public static final int MAX_DEPTH = 10;

    /** The most entries one {@code targets} array may hold. */
    public static final int MAX_TARGETS_PER_NODE = 50;

    /**
     * The most upstream calls one request may make, counted from the tree: a leaf makes
     * 1 + {@code retry.attempts} (inherited or its own), a fallback the sum of its targets,
     * single, loadbalance and conditional the most any one target makes.
     */
    public static final int MAX_UPSTREAM_CALLS = 50;

    /** The longest {@code $regex} pattern, in characters. */
    public static final int MAX_REGEX_CHARS = 1000;

    /**
     * The largest compiled {@code $regex}, in RE2 instructions. Counted repetitions multiply
     * ({@code (a{100}){100}} is 10,000 copies of {@code a}), so the pattern length alone does not
     * bound it.
     */
    public static final int MAX_REGEX_PROGRAM = 5000;

    /**
     * The {@code $regex} work one request may do, in instructions times characters: RE2 steps
     * through each character of the text with at most one thread per instruction. About 10-100 ms
     * of one core, whatever the patterns and values.
     */
    public static final long MAX_REGEX_STEPS_PER_REQUEST = 10_000_000;

    private ConfigLimits() {}
}
