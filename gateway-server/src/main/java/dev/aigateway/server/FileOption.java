package dev.aigateway.server;

/**
 * A server option set by the config file: the flag it stands for ({@code server.max_body_bytes}
 * sets {@code --max-body-bytes}), where it was written, for error messages, and its value.
 *
 * @param source e.g. {@code gateway.yaml:3: server.port}
 */
record FileOption(String flag, String source, String value) {}
