package dev.aigateway.core.provider.vertex.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** A service account made for a test: an RSA key pair and its JSON key file. */
record TestKeys(KeyPair pair, String email, String keyId, String projectId) {
    static TestKeys create(String email) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestKeys(generator.generateKeyPair(), email, "kid-" + email.hashCode(), "sa-project");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The key file, as Google's console downloads it. */
    ObjectNode json() {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return Json.object()
                .put("type", "service_account")
                .put("project_id", projectId)
                .put("private_key_id", keyId)
                .put("private_key", pem)
                .put("client_email", email)
                .put("client_id", "1234567890")
                .put("token_uri", "https://oauth2.googleapis.com/token");
    }
}
