package dev.aigateway.server;

import dev.aigateway.core.Gateway;
import dev.aigateway.core.state.SharedState;

/**
 * What a config file adds to the server's gateway: {@link KeyAccess} (gateway keys, named configs,
 * model aliases) first in the call chain, then {@link KeyLimits} (per-key limits in the shared
 * state, also a listener that counts tokens), and the watch that reloads the file when it
 * changes, stopped when the gateway closes.
 */
final class ConfigFileFeatures {
    private ConfigFileFeatures() {}

    static void install(Gateway.Builder builder, ConfigFile file, SharedState state) {
        KeyLimits limits = new KeyLimits(state);
        builder.addInterceptor(new KeyAccess(file))
                .addInterceptor(limits)
                .addEventListener(limits)
                .closeWith(file.watch(ConfigFile.WATCH_INTERVAL));
    }
}
