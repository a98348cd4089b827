package dev.aigateway.core.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.pipeline.LeafRequest;
import dev.aigateway.core.pipeline.PreparedCall;
import dev.aigateway.core.provider.ProviderOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The key of a target's answer: a SHA-256 over everything that determines it, namely the
 * endpoint, the provider, the upstream URL, the provider-side body, the target's credential and
 * provider settings, and the caller's cache namespace. Keys hold no secret. A stream request is
 * keyed as the same request without {@code stream}, so a stream and a complete answer to one
 * question share an entry and each can serve the other.
 */
final class CacheKey {
    static final String PREFIX = "cache:v1:";
    static final String SEMANTIC_PREFIX = "cache:semantic:v1:";

    private final LeafRequest request;
    private final PreparedCall call;
    private final Optional<String> namespace;
    private final String exact;

    private CacheKey(LeafRequest request, PreparedCall call, Optional<String> namespace) {
        this.request = request;
        this.call = call;
        this.namespace = namespace;
        MessageDigest digest = target();
        field(digest, Json.bytes(call.providerBody()));
        this.exact = PREFIX + HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The key of {@code request}'s answer. Throws what {@link LeafRequest#prepared()} throws when
     * the target cannot serve the request.
     */
    static CacheKey of(LeafRequest request, Optional<String> namespace) {
        return new CacheKey(request, withoutStream(request).prepared(), namespace);
    }

    /** The key of the answer. */
    String exact() {
        return exact;
    }

    /**
     * The key of the group of requests a semantic match may come from: the same target, namespace
     * and parameters, {@code blanked} being the params with the compared prompt removed, and the
     * same embeddings target (vectors of different models do not compare).
     */
    String partition(ObjectNode blanked, JsonNode embeddings) {
        MessageDigest digest = target();
        field(digest, Json.bytes(blanked));
        field(digest, Json.bytes(embeddings));
        return SEMANTIC_PREFIX + HexFormat.of().formatHex(digest.digest());
    }

    /** The request as a complete (not streamed) one; itself when it says nothing of {@code stream}. */
    static LeafRequest withoutStream(LeafRequest request) {
        ObjectNode params = request.providerRequest().params();
        if (!params.has("stream")) {
            return request;
        }
        ObjectNode plain = params.deepCopy();
        plain.remove("stream");
        return request.withParams(plain);
    }

    private MessageDigest target() {
        MessageDigest digest = sha256();
        field(digest, request.providerRequest().endpoint().portkeyName());
        field(digest, request.provider().id());
        field(digest, call.url());
        field(digest, credential(request.providerRequest().options()));
        field(digest, namespace.orElse(""));
        return digest;
    }

    /** A hash of the key and every provider setting, so that no entry crosses tenants. */
    private static byte[] credential(ProviderOptions options) {
        MessageDigest digest = sha256();
        field(digest, options.apiKey().orElse(""));
        field(digest, options.customHost().orElse(""));
        for (Map.Entry<String, String> entry : new TreeMap<>(options.fields()).entrySet()) {
            field(digest, entry.getKey());
            field(digest, entry.getValue());
        }
        return digest.digest();
    }

    private static void field(MessageDigest digest, String value) {
        field(digest, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Length first, so that no two sequences of fields hash alike. */
    private static void field(MessageDigest digest, byte[] value) {
        digest.update(ByteBuffer.allocate(4).putInt(value.length).array());
        digest.update(value);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
