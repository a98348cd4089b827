package dev.aigateway.server;

import dev.aigateway.server.observability.AccessLog;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The server options of metrics, the access log and the console (docs/observability.md).
 *
 * @param logFormat the access log's lines: JSON (the default) or text
 * @param quiet no access log
 * @param metrics whether {@code GET /metrics} and the metrics behind it are on (the default)
 * @param adminToken opens the console ({@code /public/}, {@code /log/stream}); never printed
 * @param logBodies the console shows request and answer bodies
 * @param prices a price file over the shipped price table
 */
record ObservabilityOptions(
        AccessLog.Format logFormat,
        boolean quiet,
        boolean metrics,
        Optional<String> adminToken,
        boolean logBodies,
        Optional<Path> prices) {
    static final ObservabilityOptions DEFAULTS =
            new ObservabilityOptions(AccessLog.Format.JSON, false, true, Optional.empty(), false, Optional.empty());

    /** The shortest admin token accepted, as for gateway keys. */
    static final int MIN_ADMIN_TOKEN_LENGTH = 16;

    @Override
    public String toString() {
        return "ObservabilityOptions[" + logFormat + (quiet ? " quiet" : "") + (metrics ? " metrics" : "")
                + (adminToken.isPresent() ? " admin-token" : "") + (logBodies ? " log-bodies" : "") + "]";
    }
}
