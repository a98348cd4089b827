package dev.aigateway.core.provider.vertex.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.config.CustomHostValidator;
import dev.aigateway.core.error.CredentialException;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderOptions;
import dev.aigateway.core.testing.MutableClock;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way {@link GoogleAuth} finds a credential, against a fake token endpoint and metadata server. */
class GoogleAuthTest {
    private static final TestKeys KEYS = TestKeys.create("robot@my-project.iam.gserviceaccount.com");

    private final MockWebServer google = new MockWebServer();
    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000L);

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        google.start();
    }

    @AfterEach
    void stop() {
        google.close();
    }

    private GoogleAuth auth(Map<String, String> environment) {
        return GoogleAuth.builder()
                .tokenUrl(google.url("/token").toString())
                .metadataUrl(google.url("").toString().replaceAll("/$", ""))
                .environment(environment)
                .clock(clock)
                .trustedHosts(CustomHostValidator.create(List.of()))
                .build();
    }

    private static ProviderOptions options(String apiKey, Map<String, String> fields) {
        return new ProviderOptions("vertex-ai", Optional.ofNullable(apiKey), Optional.empty(), fields);
    }

    private static MockResponse token(String value, long expiresIn) {
        return new MockResponse.Builder()
                .addHeader("content-type", "application/json")
                .body("{\"access_token\":\"" + value + "\",\"expires_in\":" + expiresIn + ",\"token_type\":\"Bearer\"}")
                .build();
    }

    private static Map<String, String> form(RecordedRequest request) {
        Map<String, String> form = new HashMap<>();
        for (String pair : request.getBody().utf8().split("&")) {
            int eq = pair.indexOf('=');
            form.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    @Test
    void aServiceAccountKeyIsExchangedOnceForATokenThatIsKept() throws Exception {
        google.enqueue(token("ya29.sa-1", 3599));
        google.enqueue(token("ya29.sa-2", 3599));
        GoogleAuth auth = auth(Map.of());
        // token_uri in the key points elsewhere: it is ignored.
        String key = Json.text(KEYS.json().put("token_uri", "http://169.254.169.254/steal"));
        ProviderOptions options = options("ignored-key", Map.of("vertexServiceAccountJson", key));

        GoogleAuth.Credential credential = auth.credential(options);
        assertEquals("ya29.sa-1", credential.token());
        assertEquals("sa-project", credential.projectId().orElseThrow());
        assertEquals("ya29.sa-1", auth.credential(options).token(), "kept");

        RecordedRequest exchange = google.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/token", exchange.getTarget());
        assertEquals("POST", exchange.getMethod());
        Map<String, String> form = form(exchange);
        assertEquals("urn:ietf:params:oauth:grant-type:jwt-bearer", form.get("grant_type"));
        String[] jwt = form.get("assertion").split("\\.");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(KEYS.pair().getPublic());
        rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rsa.verify(Base64.getUrlDecoder().decode(jwt[2])));
        JsonNode claims = Json.parse(Base64.getUrlDecoder().decode(jwt[1]));
        assertEquals(google.url("/token").toString(), claims.path("aud").asText());
        assertEquals(1, google.getRequestCount());

        clock.advance(Duration.ofMinutes(56));
        assertEquals("ya29.sa-2", auth.credential(options).token(), "refreshed shortly before expiry");
        assertEquals(2, google.getRequestCount());
    }

    @Test
    void aRefusedKeyIsA401ThatNamesTheReasonAndMovesFallbackOn() {
        google.enqueue(new MockResponse.Builder()
                .code(400)
                .addHeader("content-type", "application/json")
                .body("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}")
                .build());
        GoogleAuth auth = auth(Map.of());
        GoogleAuth.Credential credential =
                auth.credential(options(null, Map.of("vertexServiceAccountJson", Json.text(KEYS.json()))));

        CredentialException e = assertThrows(CredentialException.class, credential::token);
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("invalid_grant: Invalid JWT Signature."), e.getMessage());
        assertTrue(e.getMessage().contains(KEYS.email()), e.getMessage());
        assertFalse(e.getMessage().contains("PRIVATE KEY"), e.getMessage());
        assertTrue(e.movesFallbackOn());
    }

    @Test
    void anUnreachableTokenEndpointIsA502() {
        GoogleAuth auth = GoogleAuth.builder()
                .tokenUrl("http://127.0.0.1:1/token")
                .environment(Map.of())
                .clock(clock)
                .build();
        GoogleAuth.Credential credential =
                auth.credential(options(null, Map.of("vertexServiceAccountJson", Json.text(KEYS.json()))));

        CredentialException e = assertThrows(CredentialException.class, credential::token);
        assertEquals(502, e.status());
        assertTrue(e.getMessage().contains("could not be reached"), e.getMessage());
    }

    @Test
    void anAccessTokenIsUsedAsItIs() {
        GoogleAuth.Credential credential = auth(Map.of()).credential(options("ya29.given", Map.of()));
        assertEquals("ya29.given", credential.token());
        assertTrue(credential.projectId().isEmpty());
        assertEquals(0, google.getRequestCount());
    }

    @Test
    void withoutCredentialsTheMetadataServerGivesTokenAndProject() throws Exception {
        google.enqueue(new MockResponse.Builder()
                .addHeader("Metadata-Flavor", "Google")
                .body("gce-project\n")
                .build());
        google.enqueue(token("ya29.gce", 3599)
                .newBuilder()
                .addHeader("Metadata-Flavor", "Google")
                .build());

        GoogleAuth.Credential credential = auth(Map.of()).credential(options(null, Map.of()));
        assertEquals("gce-project", credential.projectId().orElseThrow());
        assertEquals("ya29.gce", credential.token());

        RecordedRequest project = google.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/computeMetadata/v1/project/project-id", project.getTarget());
        assertEquals("Google", project.getHeaders().get("Metadata-Flavor"));
        RecordedRequest token = google.takeRequest(1, TimeUnit.SECONDS);
        assertTrue(token.getTarget().startsWith("/computeMetadata/v1/instance/service-accounts/default/token"));
        assertEquals("Google", token.getHeaders().get("Metadata-Flavor"));
    }

    @Test
    void withNoCredentialsAnywhereTheAnswerSaysHowToGiveSome() {
        GoogleAuth nowhere = GoogleAuth.builder()
                .metadataUrl("http://127.0.0.1:1")
                .environment(Map.of("GOOGLE_CLOUD_PROJECT", "p"))
                .build();
        CredentialException e =
                assertThrows(CredentialException.class, () -> nowhere.credential(options(null, Map.of()))
                        .token());
        assertEquals(401, e.status());
        assertTrue(e.getMessage().startsWith("vertex-ai has no Google credentials"), e.getMessage());
        assertTrue(e.movesFallbackOn());
    }

    @Test
    void anAnswerWithoutTheMetadataFlavorIsRefused() {
        google.enqueue(token("ya29.not-metadata", 3599));
        CredentialException e = assertThrows(CredentialException.class, () -> auth(Map.of("GOOGLE_CLOUD_PROJECT", "p"))
                .credential(options(null, Map.of()))
                .token());
        assertEquals(502, e.status());
    }

    @Test
    void theGatewaysOwnCredentialsAreNotSentToAnUntrustedCustomHost() {
        ProviderOptions options = new ProviderOptions(
                "vertex-ai", Optional.empty(), Optional.of("https://collector.example.com"), Map.of());
        GatewayException e =
                assertThrows(GatewayException.class, () -> auth(Map.of()).credential(options));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("collector.example.com"), e.getMessage());
        assertEquals(0, google.getRequestCount());

        GoogleAuth trusting = GoogleAuth.builder()
                .metadataUrl(google.url("").toString().replaceAll("/$", ""))
                .environment(Map.of("GOOGLE_CLOUD_PROJECT", "p"))
                .trustedHosts(CustomHostValidator.create(List.of("collector.example.com")))
                .build();
        assertEquals("p", trusting.credential(options).projectId().orElseThrow());
    }

    @Test
    void googleApplicationCredentialsNamesAServiceAccountKeyFile() throws Exception {
        Path file = dir.resolve("key.json");
        Files.writeString(file, Json.text(KEYS.json()));
        google.enqueue(token("ya29.from-file", 3599));

        GoogleAuth.Credential credential =
                auth(Map.of("GOOGLE_APPLICATION_CREDENTIALS", file.toString())).credential(options(null, Map.of()));
        assertEquals("ya29.from-file", credential.token());
        assertEquals("sa-project", credential.projectId().orElseThrow());
        assertEquals(
                "urn:ietf:params:oauth:grant-type:jwt-bearer",
                form(google.takeRequest(1, TimeUnit.SECONDS)).get("grant_type"));
    }

    @Test
    void gcloudsUserCredentialsAreRefreshedAndBillTheirQuotaProject() throws Exception {
        Path gcloud = Files.createDirectories(dir.resolve(".config/gcloud"));
        Files.writeString(
                gcloud.resolve("application_default_credentials.json"),
                "{\"type\":\"authorized_user\",\"client_id\":\"cid\",\"client_secret\":\"secret\","
                        + "\"refresh_token\":\"1//refresh\",\"quota_project_id\":\"billing-project\"}");
        google.enqueue(token("ya29.user", 3599));

        GoogleAuth.Credential credential = auth(Map.of("HOME", dir.toString())).credential(options(null, Map.of()));
        assertEquals("ya29.user", credential.token());
        assertEquals("billing-project", credential.quotaProject().orElseThrow());
        Map<String, String> form = form(google.takeRequest(1, TimeUnit.SECONDS));
        assertEquals("refresh_token", form.get("grant_type"));
        assertEquals("1//refresh", form.get("refresh_token"));
        assertEquals("cid", form.get("client_id"));
    }

    @Test
    void aWorkloadIdentityFileIsExchangedAtStsThenImpersonated() throws Exception {
        Path subject = dir.resolve("token");
        Files.writeString(subject, "k8s-service-account-jwt\n");
        Path file = dir.resolve("wif.json");
        Files.writeString(
                file,
                Json.text(Json.object()
                        .put("type", "external_account")
                        .put(
                                "audience",
                                "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/k8s")
                        .put("subject_token_type", "urn:ietf:params:oauth:token-type:jwt")
                        .put("token_url", google.url("/sts").toString())
                        .put(
                                "service_account_impersonation_url",
                                google.url(
                                                "/v1/projects/-/serviceAccounts/robot@p.iam.gserviceaccount.com:generateAccessToken")
                                        .toString())
                        .set("credential_source", Json.object().put("file", subject.toString()))));
        google.enqueue(token("sts-federated", 3599));
        google.enqueue(new MockResponse.Builder()
                .addHeader("content-type", "application/json")
                .body("{\"accessToken\":\"ya29.impersonated\",\"expireTime\":\"2023-11-14T23:13:20Z\"}")
                .build());

        GoogleAuth.Credential credential = auth(Map.of(
                        "GOOGLE_APPLICATION_CREDENTIALS", file.toString(), "GOOGLE_CLOUD_PROJECT", "wif-project"))
                .credential(options(null, Map.of()));
        assertEquals("ya29.impersonated", credential.token());
        assertEquals("wif-project", credential.projectId().orElseThrow());

        Map<String, String> sts = form(google.takeRequest(1, TimeUnit.SECONDS));
        assertEquals("urn:ietf:params:oauth:grant-type:token-exchange", sts.get("grant_type"));
        assertEquals("k8s-service-account-jwt", sts.get("subject_token"));
        assertEquals("urn:ietf:params:oauth:token-type:access_token", sts.get("requested_token_type"));
        RecordedRequest impersonation = google.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("Bearer sts-federated", impersonation.getHeaders().get("authorization"));
        assertEquals(
                "3600s",
                Json.parse(impersonation.getBody().utf8()).path("lifetime").asText());
    }

    @Test
    void aCredentialFileOfAnUnknownTypeIsA401() throws Exception {
        Path file = dir.resolve("odd.json");
        Files.writeString(file, "{\"type\":\"gdch_service_account\"}");
        CredentialException e = assertThrows(
                CredentialException.class, () -> auth(Map.of("GOOGLE_APPLICATION_CREDENTIALS", file.toString()))
                        .credential(options(null, Map.of())));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("gdch_service_account"), e.getMessage());
    }
}
