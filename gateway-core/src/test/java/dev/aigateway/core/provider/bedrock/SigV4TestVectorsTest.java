package dev.aigateway.core.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.http.Headers;
import dev.aigateway.core.testing.aws.SigV4Verifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * SigV4 against AWS's published test suite ({@code aws-sig-v4-test-suite}: credentials
 * {@code AKIDEXAMPLE}, service {@code service}, {@code us-east-1}, 2015-08-30T12:36:00Z).
 *
 * <p>AWS's signer always adds and signs {@code x-amz-content-sha256}, which the suite's requests do
 * not carry, so its signatures cannot equal the suite's byte for byte. The suite therefore checks
 * {@link SigV4Verifier}, an independent implementation from the specification, exactly; the
 * verifier then checks every signature the gateway makes for the same requests, and for Bedrock's
 * own (a model id that is encoded twice in the canonical path, temporary credentials).
 */
class SigV4TestVectorsTest {
    private static final Clock SUITE_TIME = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
    private static final String SUITE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final AwsBasicCredentials SUITE_KEYS = AwsBasicCredentials.create("AKIDEXAMPLE", SUITE_SECRET);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "get-vanilla, GET, https://example.amazonaws.com/, 5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
        "get-vanilla-query-order-key-case, GET, https://example.amazonaws.com/?Param2=value2&Param1=value1,"
                + " b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
        "post-vanilla, POST, https://example.amazonaws.com/, 5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"
    })
    void theVerifierReproducesTheSuiteAndAcceptsTheGatewaysSignature(
            String name, String method, String url, String suiteSignature) {
        URI uri = URI.create(url);
        Function<String, String> suiteHeaders =
                header -> header.equals("host") ? "example.amazonaws.com" : "20150830T123600Z";
        assertEquals(
                suiteSignature,
                SigV4Verifier.signature(
                        method,
                        uri.getRawPath(),
                        uri.getRawQuery(),
                        List.of("host", "x-amz-date"),
                        suiteHeaders,
                        new byte[0],
                        SUITE_SECRET,
                        "20150830T123600Z",
                        "us-east-1",
                        "service"));

        Headers signed = BedrockSigner.sign(
                method, url, Headers.empty(), new byte[0], SUITE_KEYS, "service", "us-east-1", SUITE_TIME);

        assertEquals("20150830T123600Z", signed.value("x-amz-date"));
        assertTrue(
                signed.value("authorization")
                        .startsWith(
                                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "),
                signed.value("authorization"));
        assertTrue(verifies(method, uri, signed, new byte[0], SUITE_SECRET), "the gateway's signature verifies");
        assertFalse(verifies(method, uri, signed, new byte[0], "another-secret"), "and not under another secret");
        assertFalse(signed.contains("host"), "the HTTP client sends host itself");
    }

    @Test
    void aBedrockCallWithTemporaryCredentialsSignsItsTokenBodyAndTwiceEncodedModel() {
        String url =
                "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse";
        byte[] body = "{\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
        Headers signed = BedrockSigner.sign(
                "POST",
                url,
                Headers.of("content-type", "application/json"),
                body,
                AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "session-token"),
                "bedrock",
                "us-east-1",
                SUITE_TIME);

        assertEquals("session-token", signed.value("x-amz-security-token"));
        String authorization = signed.value("authorization");
        assertTrue(authorization.contains("x-amz-security-token"), authorization);
        assertTrue(authorization.contains("content-type"), authorization);
        assertTrue(verifies("POST", URI.create(url), signed, body, "secret"));
        byte[] changed = "{\"messages\":[1]}".getBytes(StandardCharsets.UTF_8);
        assertFalse(verifies("POST", URI.create(url), signed, changed, "secret"), "the body is signed");
    }

    private static boolean verifies(String method, URI uri, Headers signed, byte[] body, String secret) {
        return SigV4Verifier.verify(
                method,
                uri.getRawPath().isEmpty() ? "/" : uri.getRawPath(),
                uri.getRawQuery(),
                name -> name.equals("host") ? uri.getHost() : signed.first(name).orElse(null),
                body,
                secret);
    }
}
