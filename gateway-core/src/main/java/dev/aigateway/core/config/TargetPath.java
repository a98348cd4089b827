package dev.aigateway.core.config;

/**
 * Where a target sits in the config tree, as {@code x-portkey-last-used-option-index} reports it:
 * {@code config}, {@code config.targets[1]}, {@code config.targets[1].targets[0]}, ...
 */
public record TargetPath(String value) {
    public static final TargetPath ROOT = new TargetPath("config");

    /** The path of child {@code index} (its position in the parent's original targets array). */
    public TargetPath child(int index) {
        return new TargetPath(value + ".targets[" + index + "]");
    }

    @Override
    public String toString() {
        return value;
    }
}
