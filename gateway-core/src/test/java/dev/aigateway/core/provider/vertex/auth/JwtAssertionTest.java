package dev.aigateway.core.provider.vertex.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtAssertionTest {
    private static final TestKeys KEYS = TestKeys.create("robot@my-project.iam.gserviceaccount.com");

    @Test
    void theAssertionIsSignedWithTheKeyAndCarriesGooglesClaims() throws Exception {
        ServiceAccountKey key = ServiceAccountKey.parse(Json.text(KEYS.json()), "vertex_service_account_json");
        String jwt = JwtAssertion.sign(
                key, GoogleAuth.SCOPE, "https://oauth2.googleapis.com/token", Instant.ofEpochSecond(1_700_000_000L));

        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(KEYS.pair().getPublic());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rsa.verify(Base64.getUrlDecoder().decode(parts[2])), "the signature verifies with the public key");
        JsonNode header = Json.parse(Base64.getUrlDecoder().decode(parts[0]));
        assertEquals("RS256", header.path("alg").asText());
        assertEquals("JWT", header.path("typ").asText());
        assertEquals(KEYS.keyId(), header.path("kid").asText());
        JsonNode claims = Json.parse(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals(KEYS.email(), claims.path("iss").asText());
        assertEquals(
                "https://www.googleapis.com/auth/cloud-platform",
                claims.path("scope").asText());
        assertEquals("https://oauth2.googleapis.com/token", claims.path("aud").asText());
        assertEquals(1_700_000_000L, claims.path("iat").asLong());
        assertEquals(1_700_003_600L, claims.path("exp").asLong());
        assertFalse(jwt.contains("="), "base64url without padding");
    }

    @Test
    void aKeyInAJsonStringIsReadToo() {
        String asString = Json.text(Json.MAPPER.getNodeFactory().textNode(Json.text(KEYS.json())));
        ServiceAccountKey key = ServiceAccountKey.parse(asString, "vertex_service_account_json");
        assertEquals(KEYS.email(), key.clientEmail());
        assertEquals("sa-project", key.projectId().orElseThrow());
    }

    @Test
    void aBrokenKeyIsA400ThatNamesTheFieldAndNeverRepeatsTheKey() {
        String broken = Json.text(
                KEYS.json().put("private_key", "-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----"));
        GatewayException e = assertThrows(
                GatewayException.class, () -> ServiceAccountKey.parse(broken, "vertex_service_account_json"));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("vertex_service_account_json"), e.getMessage());
        assertFalse(e.getMessage().contains("not-a-key"), e.getMessage());

        GatewayException notJson = assertThrows(
                GatewayException.class,
                () -> ServiceAccountKey.parse("{\"private_key\": ", "vertex_service_account_json"));
        assertEquals("vertex_service_account_json is not valid JSON", notJson.getMessage());
        GatewayException noEmail = assertThrows(
                GatewayException.class,
                () -> ServiceAccountKey.parse(
                        Json.text(KEYS.json().without("client_email")), "vertex_service_account_json"));
        assertEquals("vertex_service_account_json has no client_email", noEmail.getMessage());
        GatewayException user = assertThrows(
                GatewayException.class,
                () -> ServiceAccountKey.parse("{\"type\":\"authorized_user\"}", "vertex_service_account_json"));
        assertTrue(user.getMessage().contains("service account key"), user.getMessage());
    }

    @Test
    void theKeyNeverShowsInToString() {
        ServiceAccountKey key = ServiceAccountKey.parse(Json.text(KEYS.json()), "vertex_service_account_json");
        assertEquals("ServiceAccountKey[" + KEYS.email() + "]", key.toString());
    }
}
