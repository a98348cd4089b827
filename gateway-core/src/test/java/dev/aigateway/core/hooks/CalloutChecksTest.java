package dev.aigateway.core.hooks;

import static dev.aigateway.core.hooks.DefaultChecksTest.modelSays;
import static dev.aigateway.core.hooks.DefaultChecksTest.userSays;
import static dev.aigateway.core.hooks.HookTesting.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.aigateway.core.config.CustomHostValidator;
import dev.aigateway.core.hooks.checks.DefaultChecks;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.testing.MutableClock;
import dev.aigateway.core.upstream.CalloutClient;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checks that call out (webhook, log, jwt, validUrls) against local fakes, under the custom-host rules. */
class CalloutChecksTest {
    private final MockWebServer server = new MockWebServer();
    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000L);
    private final Dns resolver = host -> switch (host) {
        case "known.example" -> List.of(InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34}));
        case "localhost" -> Dns.SYSTEM.lookup(host);
        default -> throw new java.net.UnknownHostException(host);
    };
    private final CalloutClient http = CalloutClient.create(CustomHostValidator.create(List.of()), resolver);
    private final Map<String, Check> checks = DefaultChecks.create(http, clock, Runnable::run);

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private CheckOutcome run(String id, CheckContext context, String parameters) throws Exception {
        return checks.get("default." + id).run(context, (ObjectNode) Json.parse(q(parameters)));
    }

    private String url(String path) {
        return server.url(path).toString();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("content-type", "application/json")
                .body(q(body))
                .build();
    }

    @Test
    void aWebhookGetsTheContextWithoutHeadersAndGivesTheVerdict() throws Exception {
        server.enqueue(json(200, "{'verdict':true,'data':{'score':0.1}}"));
        CheckContext context = CheckContext.before(
                "chatComplete",
                "openai",
                Json.object().put("team", "a"),
                Headers.of("authorization", "Bearer secret"),
                false,
                (ObjectNode) Json.parse(q("{'model':'m','messages':[{'role':'user','content':'hi'}]}")));

        CheckOutcome outcome =
                run("webhook", context, "{'webhookURL':'" + url("/hook") + "','headers':{'x-key':'abc'}}");

        assertTrue(outcome.verdict());
        assertEquals(
                "Webhook request succeeded", outcome.data().path("explanation").asText());
        assertEquals(0.1, outcome.data().path("responseData").path("score").asDouble());
        assertEquals(3000, outcome.data().path("requestContext").path("timeout").asInt());
        RecordedRequest sent = server.takeRequest();
        assertEquals("abc", sent.getHeaders().get("x-key"));
        JsonNode body = Json.parse(sent.getBody().utf8());
        assertEquals("beforeRequestHook", body.path("eventType").asText());
        assertEquals("hi", body.path("request").path("text").asText());
        assertEquals("a", body.path("metadata").path("team").asText());
        assertFalse(body.path("request").has("headers"), "the caller's headers stay home");
        assertFalse(sent.getBody().utf8().contains("secret"));
    }

    @Test
    void aWebhooksTransformedDataRewritesTheRequest() throws Exception {
        server.enqueue(
                json(
                        200,
                        "{'verdict':true,'transformedData':{'request':{'json':{'model':'m','messages':[{'role':'user','content':'clean'}]}}}}"));

        CheckOutcome outcome = run("webhook", userSays("dirty"), "{'webhookURL':'" + url("/hook") + "'}");

        assertTrue(outcome.transformed());
        assertEquals(
                "clean",
                outcome.request()
                        .orElseThrow()
                        .path("messages")
                        .path(0)
                        .path("content")
                        .asText());
    }

    @Test
    void aWebhookThatFailsSlowsOrIsRefusedIsACheckError() throws Exception {
        server.enqueue(json(500, "{'reason':'down'}"));
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .body("{}")
                .headersDelay(2, java.util.concurrent.TimeUnit.SECONDS)
                .build());

        CheckOutcome failed = run("webhook", userSays("x"), "{'webhookURL':'" + url("/hook") + "'}");
        CheckOutcome slow = run("webhook", userSays("x"), "{'webhookURL':'" + url("/hook") + "','timeout':200}");
        CheckOutcome refused = run("webhook", userSays("x"), "{'webhookURL':'http://169.254.169.254/latest'}");
        CheckOutcome missing = run("webhook", userSays("x"), "{}");

        assertEquals(
                "Webhook error: HTTP error! status: 500",
                failed.data().path("explanation").asText());
        assertEquals("down", failed.data().path("responseData").path("reason").asText());
        assertEquals("HttpError", failed.error().orElseThrow().name().orElseThrow());
        assertEquals(
                "Webhook error: Request timed out after 200ms",
                slow.data().path("explanation").asText());
        assertEquals("TimeoutError", slow.error().orElseThrow().name().orElseThrow());
        assertTrue(
                refused.data().path("explanation").asText().startsWith("Webhook error: the URL is refused"),
                refused.data().toString());
        assertEquals("No URL provided", missing.data().path("webhookUrl").asText());
    }

    @Test
    void logPostsTheContextAndPasses() throws Exception {
        server.enqueue(json(200, "{}"));

        CheckOutcome outcome = run(
                "log",
                modelSays("the answer"),
                "{'logURL':'" + url("/log") + "','headers':'{\\\"x-team\\\":\\\"a\\\"}'}");

        assertTrue(outcome.verdict());
        assertEquals(
                "Logged the request to " + url("/log"),
                outcome.data().path("message").asText());
        RecordedRequest sent = server.takeRequest();
        assertEquals("a", sent.getHeaders().get("x-team"));
        assertEquals(
                "the answer",
                Json.parse(sent.getBody().utf8()).path("response").path("text").asText());
    }

    @Test
    void validUrlsAsksEachUrlWithHeadOrOnlyResolvesIt() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        server.enqueue(new MockResponse.Builder().code(404).build());

        CheckOutcome http = run("validUrls", modelSays("see " + url("/ok") + " and " + url("/gone")), "{}");
        CheckOutcome dns = run(
                "validUrls",
                modelSays("see https://known.example/a and https://unknown.example/b"),
                "{'onlyDNS':true}");
        CheckOutcome blocked = run("validUrls", modelSays("see http://10.0.0.1/admin"), "{}");

        assertFalse(http.verdict());
        assertEquals(
                "Some URLs are invalid (1 of 2 failed).",
                http.data().path("explanation").asText());
        assertEquals("HEAD", server.takeRequest().getMethod());
        assertEquals(
                q("['https://unknown.example/b']"),
                dns.data().path("invalidUrls").toString());
        assertEquals("DNS lookup", dns.data().path("validationMethod").asText());
        assertFalse(blocked.verdict(), "a private address is never called, so it counts as invalid");
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void jwtVerifiesTheTokenAgainstTheCachedJwks() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        server.enqueue(json(200, new JWKSet(key.toPublicJWK()).toString().replace('"', '\'')));
        String params = "{'jwksUri':'" + url("/jwks") + "','headerKey':'Authorization'}";
        String fresh = token(
                key, "k1", clock.instant().minusSeconds(60), clock.instant().plusSeconds(600));
        String expired = token(
                key, "k1", clock.instant().minusSeconds(7200), clock.instant().minusSeconds(3600));

        CheckOutcome valid = run("jwt", withAuthorization("Bearer " + fresh), params);
        CheckOutcome old = run("jwt", withAuthorization(expired), params);
        CheckOutcome none = run("jwt", userSays("x"), params);
        CheckOutcome tampered = run("jwt", withAuthorization(fresh.substring(0, fresh.length() - 4) + "AAAA"), params);

        assertTrue(valid.verdict(), valid.data().toString());
        assertEquals(
                "JWT token validation succeeded",
                valid.data().path("explanation").asText());
        assertFalse(old.verdict());
        assertEquals(
                "JWT validation error: \"exp\" claim timestamp check failed",
                old.data().path("explanation").asText());
        assertEquals(
                "Missing authorization header", none.data().path("explanation").asText());
        assertEquals(
                "JWT validation error: signature verification failed",
                tampered.data().path("explanation").asText());
        assertEquals(1, server.getRequestCount(), "the JWKS is fetched once and cached");
    }

    @Test
    void anUnknownKeyIdRefetchesTheJwksAtMostOncePerInterval() throws Exception {
        RSAKey first = new RSAKeyGenerator(2048).keyID("k1").generate();
        RSAKey second = new RSAKeyGenerator(2048).keyID("k2").generate();
        server.enqueue(json(200, new JWKSet(first.toPublicJWK()).toString().replace('"', '\'')));
        server.enqueue(json(
                200,
                new JWKSet(List.of(first.toPublicJWK(), second.toPublicJWK()))
                        .toString()
                        .replace('"', '\'')));
        String params = "{'jwksUri':'" + url("/jwks") + "','headerKey':'Authorization'}";
        String rotated = token(second, "k2", clock.instant(), clock.instant().plusSeconds(600));
        String unknown = token(second, "k9", clock.instant(), clock.instant().plusSeconds(600));

        assertTrue(run("jwt", withAuthorization(rotated), params).verdict(), "the second fetch has the new key");
        CheckOutcome missing = run("jwt", withAuthorization(unknown), params);

        assertEquals(
                "No matching key found for kid",
                missing.data().path("explanation").asText());
        assertEquals(2, server.getRequestCount(), "no third fetch within the refetch interval");
        clock.advance(Duration.ofSeconds(31));
        server.enqueue(json(500, "{}"));
        CheckOutcome down = run("jwt", withAuthorization(unknown), params);
        assertTrue(down.error().isPresent());
        assertTrue(down.data()
                .path("explanation")
                .asText()
                .startsWith("JWT validation error: Failed to fetch JWKS from "));
    }

    @Test
    void jwtTokenAgeAndMissingParameters() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        server.enqueue(json(200, new JWKSet(key.toPublicJWK()).toString().replace('"', '\'')));
        String issuedLongAgo = token(
                key,
                "k1",
                clock.instant().minus(Duration.ofHours(3)),
                clock.instant().plusSeconds(600));

        CheckOutcome tooOld =
                run("jwt", withAuthorization(issuedLongAgo), "{'jwksUri':'" + url("/jwks") + "','maxTokenAge':'2h'}");
        CheckOutcome noUri = run("jwt", withAuthorization(issuedLongAgo), "{}");

        assertEquals(
                "JWT validation error: \"iat\" claim timestamp check failed (too far in the past)",
                tooOld.data().path("explanation").asText());
        assertEquals("Missing JWKS URI", noUri.error().orElseThrow().message());
    }

    private static CheckContext withAuthorization(String value) throws Exception {
        return CheckContext.before(
                "chatComplete", "openai", Json.object(), Headers.of("authorization", value), false, (ObjectNode)
                        Json.parse(q("{'model':'m','messages':[{'role':'user','content':'hi'}]}")));
    }

    private static String token(RSAKey key, String kid, Instant issued, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(kid)
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .subject("user-1")
                        .issueTime(Date.from(issued))
                        .expirationTime(Date.from(expires))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
