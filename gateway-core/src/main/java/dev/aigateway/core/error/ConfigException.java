package dev.aigateway.core.error;

/** An invalid {@code x-portkey-config}: 400, and the message names the JSON path at fault. */
public final class ConfigException extends GatewayException {
    private final String path;

    public ConfigException(String path, String problem) {
        super(400, "Invalid config passed: " + (path.isEmpty() ? "" : path + ": ") + problem);
        this.path = path;
    }

    /** The JSON path of the offending value, e.g. {@code targets[1].retry.attempts}. */
    public String path() {
        return path;
    }
}
