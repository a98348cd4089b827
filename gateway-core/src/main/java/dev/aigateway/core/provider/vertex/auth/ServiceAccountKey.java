package dev.aigateway.core.provider.vertex.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A service account's JSON key, as Google's console downloads it: {@code client_email},
 * {@code private_key} (PKCS#8 RSA in PEM), {@code private_key_id} and {@code project_id}. The key's
 * {@code token_uri} is ignored: tokens are asked for at the configured token endpoint only, so that
 * a key sent by a caller cannot point the gateway at another address. {@code toString} never prints
 * the key.
 *
 * @param cacheKey a digest of the identity and key, naming this credential in the token cache
 */
record ServiceAccountKey(
        String clientEmail,
        Optional<String> privateKeyId,
        PrivateKey privateKey,
        Optional<String> projectId,
        String cacheKey) {

    /**
     * Parses a key; {@code what} names where it came from in the 400 for a key that is not one (the
     * message never repeats the key's content).
     */
    static ServiceAccountKey parse(String json, String what) {
        JsonNode node;
        try {
            node = Json.parse(json);
        } catch (JsonProcessingException e) {
            throw GatewayException.badRequest(what + " is not valid JSON");
        }
        if (node.isTextual()) { // a key sent as a JSON string inside the config
            return parse(node.asText(), what);
        }
        String type = node.path("type").asText("service_account");
        if (!type.equals("service_account")) {
            throw GatewayException.badRequest(what + " must be a service account key (type \"service_account\")");
        }
        String email = text(node, "client_email")
                .orElseThrow(() -> GatewayException.badRequest(what + " has no client_email"));
        String pem =
                text(node, "private_key").orElseThrow(() -> GatewayException.badRequest(what + " has no private_key"));
        Optional<String> keyId = text(node, "private_key_id");
        return new ServiceAccountKey(
                email,
                keyId,
                privateKey(pem, what),
                text(node, "project_id"),
                digest(email + "\n" + keyId.orElse("") + "\n" + pem));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(Json.textOrNull(node, field)).filter(value -> !value.isBlank());
    }

    /** A PKCS#8 RSA key in PEM ({@code -----BEGIN PRIVATE KEY-----}), as Google issues them. */
    static PrivateKey privateKey(String pem, String what) {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw GatewayException.badRequest(what + ": private_key is not a PKCS#8 RSA key in PEM form");
        }
    }

    /** The SHA-256 of {@code text} in hex: a name for a credential that does not hold it. */
    static String digest(String text) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ServiceAccountKey[" + clientEmail + "]";
    }
}
