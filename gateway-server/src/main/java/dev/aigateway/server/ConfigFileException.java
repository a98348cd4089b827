package dev.aigateway.server;

/**
 * A mistake in the config file, reported as {@code gateway.yaml:12: auth.keys[0].key: <problem>}:
 * the file, the line, the path of the value at fault and what is wrong. Messages never quote a
 * value from the file, which may be a key.
 */
final class ConfigFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** {@code line} 0 when the problem has no line (the file cannot be read). */
    ConfigFileException(String file, int line, String path, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    /** A message that already names the file and the line. */
    ConfigFileException(String message) {
        super(message);
    }
}
