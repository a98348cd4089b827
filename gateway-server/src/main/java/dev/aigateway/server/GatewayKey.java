package dev.aigateway.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A gateway API key from the config file. Only the key's SHA-256 is kept, so neither this record
 * nor anything it prints holds the key.
 *
 * @param name the operator's name for it, in messages, logs and limit counters
 * @param configs the named configs it may use; empty: all of them
 * @param inlineConfigs whether it may send its own JSON config or choose a provider in headers
 * @param defaultConfig the config for its requests that name none, instead of the file's
 * @param admin whether it also opens the request console ({@code admin: true})
 */
record GatewayKey(
        String name,
        byte[] sha256,
        Optional<Set<String>> configs,
        boolean inlineConfigs,
        Optional<String> defaultConfig,
        OptionalLong requestsPerMinute,
        OptionalLong tokensPerMinute,
        boolean admin) {

    /** Whether this key may use the named config {@code config}. */
    boolean mayUse(String config) {
        return configs.isEmpty() || configs.get().contains(config);
    }

    /** The named configs of {@code file} this key may use, in the file's order. */
    List<String> usableConfigs(GatewayFile file) {
        return file.configs().keySet().stream().filter(this::mayUse).toList();
    }

    boolean hasLimits() {
        return requestsPerMinute.isPresent() || tokensPerMinute.isPresent();
    }

    /** Whether {@code presentedHash} is this key's hash, in time that does not depend on where they differ. */
    boolean matches(byte[] presentedHash) {
        return MessageDigest.isEqual(sha256, presentedHash);
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "GatewayKey[" + name + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GatewayKey key
                && name.equals(key.name)
                && MessageDigest.isEqual(sha256, key.sha256)
                && configs.equals(key.configs)
                && inlineConfigs == key.inlineConfigs
                && defaultConfig.equals(key.defaultConfig)
                && requestsPerMinute.equals(key.requestsPerMinute)
                && tokensPerMinute.equals(key.tokensPerMinute)
                && admin == key.admin;
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
