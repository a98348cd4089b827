package dev.aigateway.core.breaker;

import dev.aigateway.core.config.Target;
import dev.aigateway.core.config.TargetPath;
import dev.aigateway.core.pipeline.CallRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Names one breaker: a target at one place of a config, with its provider, credentials and host,
 * for one caller key. Two tenants whose configs look alike but hold different provider keys (or
 * who call with different {@code x-portkey-api-key}s) get different breakers; the name is a hash,
 * so no key reaches the shared store.
 */
final class BreakerKey {
    private static final String CALLER_KEY_HEADER = "x-portkey-api-key";

    private BreakerKey() {}

    /** The key prefix of the breaker for {@code leaf} at {@code path}: {@code breaker:<hash>}. */
    static String of(CallRequest call, TargetPath path, Target leaf) {
        StringBuilder identity = new StringBuilder(128)
                .append(path.value())
                .append('\n')
                .append(leaf.provider().orElse(""))
                .append('\n')
                .append(leaf.apiKey().orElse(""))
                .append('\n')
                .append(leaf.customHost().orElse(""))
                .append('\n')
                .append(call.headers().first(CALLER_KEY_HEADER).orElse(""));
        for (Map.Entry<String, String> field : new TreeMap<>(leaf.providerFields()).entrySet()) {
            identity.append('\n').append(field.getKey()).append('=').append(field.getValue());
        }
        return "breaker:" + hash(identity.toString());
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
