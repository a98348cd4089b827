package dev.aigateway.server.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Google's OAuth2 token endpoint for one service account: it takes the JWT bearer grant, checks the
 * assertion's RS256 signature with the account's public key and its claims ({@code iss},
 * {@code scope}, {@code aud} = this endpoint, a one-hour {@code exp}), and answers
 * {@code invalid_grant} as Google does when anything is wrong. Tokens it issued are
 * {@link #issued}, for a fake API to check. Each exchange takes {@code delay}, so that concurrent
 * requests overlap.
 */
public final class FakeGoogleOAuth extends Dispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyPair keys;
    private final String email;
    private final AtomicInteger exchanges = new AtomicInteger();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private volatile String audience = "";
    private volatile Duration delay = Duration.ZERO;

    public FakeGoogleOAuth(String email) {
        this.email = email;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** The URL the gateway posts to, which the assertion's {@code aud} must name. */
    public void audience(String tokenUrl) {
        this.audience = tokenUrl;
    }

    public void delay(Duration value) {
        this.delay = value;
    }

    /** The service account's key file, as Google's console downloads it. */
    public ObjectNode keyFile() {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return JSON.createObjectNode()
                .put("type", "service_account")
                .put("project_id", "sa-project")
                .put("private_key_id", "key-1")
                .put("private_key", pem)
                .put("client_email", email)
                .put("client_id", "1234567890")
                .put("token_uri", "https://oauth2.googleapis.com/token");
    }

    /** Another account's key with this account's email: its signature does not verify. */
    public ObjectNode forgedKeyFile() {
        return new FakeGoogleOAuth(email).keyFile();
    }

    public int exchanges() {
        return exchanges.get();
    }

    public boolean issued(String token) {
        return issued.contains(token);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Map<String, String> form = form(request.getBody().utf8());
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            return error("unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type"));
        }
        String problem = problem(form.getOrDefault("assertion", ""));
        if (problem != null) {
            return error("invalid_grant", problem);
        }
        String token = "ya29.fake-" + exchanges.incrementAndGet();
        issued.add(token);
        return new MockResponse.Builder()
                .addHeader("content-type", "application/json; charset=utf-8")
                .headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS)
                .body("{\"access_token\":\"" + token + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")
                .build();
    }

    /** Why the assertion is refused, or null. */
    private String problem(String assertion) {
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.";
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return "Invalid JWT: unsupported algorithm";
            }
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(keys.getPublic());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return "Invalid JWT Signature.";
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!email.equals(claims.path("iss").asText())) {
                return "Invalid JWT: iss";
            }
            if (!"https://www.googleapis.com/auth/cloud-platform"
                    .equals(claims.path("scope").asText())) {
                return "Invalid JWT: scope";
            }
            if (!audience.equals(claims.path("aud").asText())) {
                return "Invalid JWT: aud " + claims.path("aud").asText();
            }
            if (claims.path("exp").asLong() - claims.path("iat").asLong() != 3600) {
                return "Invalid JWT: Token must be a short-lived token (60 minutes)";
            }
            return null;
        } catch (Exception e) {
            return "Invalid JWT: " + e.getMessage();
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static MockResponse error(String error, String description) {
        return new MockResponse.Builder()
                .code(400)
                .addHeader("content-type", "application/json; charset=utf-8")
                .body("{\"error\":\"" + error + "\",\"error_description\":\"" + description.replace("\"", "'") + "\"}")
                .build();
    }
}
