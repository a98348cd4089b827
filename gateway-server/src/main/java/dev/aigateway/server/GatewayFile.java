package dev.aigateway.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One reading of the config file, checked: the server options it sets, the gateway API keys, the
 * named configs and the default one. Immutable; a reload makes a new one, and a request keeps the
 * one it started with.
 *
 * @param configs each named config's JSON text, as {@code x-portkey-config} would carry it, in the
 *     file's order
 * @param loadedAtSeconds when it was read (epoch seconds), as {@code created} of the model list
 */
record GatewayFile(
        String fileName,
        List<FileOption> serverOptions,
        List<GatewayKey> keys,
        Map<String, String> configs,
        Optional<String> defaultConfig,
        long loadedAtSeconds) {

    /** Whether requests need a gateway API key. */
    boolean requiresKeys() {
        return !keys.isEmpty();
    }

    /**
     * The key {@code presented} is, compared in constant time: its hash is checked against every
     * key's, all of them, whichever matches.
     */
    Optional<GatewayKey> keyFor(String presented) {
        byte[] hash = GatewayKey.sha256(presented);
        GatewayKey found = null;
        for (GatewayKey key : keys) {
            if (key.matches(hash)) {
                found = key;
            }
        }
        return Optional.ofNullable(found);
    }
}
