package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.internal.Json;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code default.jwt}: whether the request header {@code headerKey} ({@code Authorization} by
 * default, {@code Bearer} optional) holds a JWT signed by a key of the JWKS at {@code jwksUri},
 * matched by {@code kid}, unexpired and not too old: {@code clockTolerance} seconds of leeway (5)
 * and at most {@code maxTokenAge} since {@code iat} (1d). Signatures are verified by
 * nimbus-jose-jwt; the JWKS is fetched through the gateway's callout rules and cached for
 * {@code cacheMaxAge} seconds (86400).
 */
final class Jwt implements Check {
    private static final Pattern AGE = Pattern.compile(
            "^(\\d+|\\d+\\.\\d+) ?(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)$",
            Pattern.CASE_INSENSITIVE);

    private final JwksCache keys;
    private final Clock clock;
    private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

    Jwt(JwksCache keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        try {
            String header = Params.truthy(parameters.get("headerKey"))
                    ? parameters.get("headerKey").asText()
                    : "Authorization";
            String uri = Params.text(parameters, "jwksUri")
                    .filter(u -> !u.isEmpty())
                    .orElseThrow(() -> new IllegalArgumentException("Missing JWKS URI"));
            Optional<String> value = context.requestHeaders()
                    .first(header.toLowerCase(Locale.ROOT))
                    .filter(v -> !v.isEmpty());
            if (value.isEmpty()) {
                return verdict(false, "Missing authorization header");
            }
            String token = value.get().replaceFirst("(?i)^Bearer\\s+", "").strip();
            Duration maxAge = Duration.ofSeconds(positive(parameters.get("cacheMaxAge"), 86400));
            long tolerance = positive(parameters.get("clockTolerance"), 5);
            Duration maxTokenAge = tokenAge(parameters.get("maxTokenAge"));
            SignedJWT jwt;
            JWK key;
            try {
                jwt = SignedJWT.parse(token);
                String kid = jwt.getHeader().getKeyID();
                key = kid == null ? null : find(keys.keys(uri, maxAge), kid);
                if (key == null && kid != null) {
                    key = find(keys.refreshed(uri), kid);
                }
            } catch (java.text.ParseException e) {
                return CheckOutcome.failed(
                        false,
                        CheckError.of("Invalid Compact JWS"),
                        explanation("JWT validation error: Invalid Compact JWS"));
            }
            if (key == null) {
                return verdict(false, "No matching key found for kid");
            }
            Optional<String> problem = problem(jwt, key, tolerance, maxTokenAge);
            return problem.map(p -> verdict(false, "JWT validation error: " + p))
                    .orElseGet(() -> verdict(true, "JWT token validation succeeded"));
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage());
            return CheckOutcome.failed(false, CheckError.of(message), explanation("JWT validation error: " + message));
        }
    }

    private static JWK find(JWKSet set, String kid) {
        JWK key = set.getKeyByKeyId(kid);
        return key != null && (key.getKeyUse() == null || key.getKeyUse() == KeyUse.SIGNATURE) ? key : null;
    }

    /** Why the token is not acceptable, in the words of JavaScript's {@code jose} where it has them. */
    private Optional<String> problem(SignedJWT jwt, JWK jwk, long toleranceSeconds, Duration maxTokenAge)
            throws java.text.ParseException {
        if (jwk.getAlgorithm() != null
                && !jwk.getAlgorithm()
                        .getName()
                        .equals(jwt.getHeader().getAlgorithm().getName())) {
            return Optional.of("\"alg\" (Algorithm) Header Parameter value not allowed");
        }
        try {
            Key key = publicKey(jwk);
            JWSVerifier verifier = verifiers.createJWSVerifier(jwt.getHeader(), key);
            if (!jwt.verify(verifier)) {
                return Optional.of("signature verification failed");
            }
        } catch (JOSEException e) {
            return Optional.of(e.getMessage());
        }
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        long now = clock.millis();
        long tolerance = toleranceSeconds * 1000;
        Date expires = claims.getExpirationTime();
        if (expires != null && now - tolerance >= expires.getTime()) {
            return Optional.of("\"exp\" claim timestamp check failed");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now + tolerance < notBefore.getTime()) {
            return Optional.of("\"nbf\" claim timestamp check failed");
        }
        Date issued = claims.getIssueTime();
        if (issued == null) {
            return Optional.of("\"iat\" claim missing");
        }
        if (issued.getTime() - tolerance > now) {
            return Optional.of("\"iat\" claim timestamp check failed (it should be in the past)");
        }
        if (now - issued.getTime() - tolerance > maxTokenAge.toMillis()) {
            return Optional.of("\"iat\" claim timestamp check failed (too far in the past)");
        }
        return Optional.empty();
    }

    private static Key publicKey(JWK jwk) throws JOSEException {
        if (jwk instanceof RSAKey rsa) {
            return rsa.toRSAPublicKey();
        }
        if (jwk instanceof ECKey ec) {
            return ec.toECPublicKey();
        }
        if (jwk instanceof OctetSequenceKey secret) {
            return secret.toSecretKey();
        }
        throw new JOSEException("unsupported key type " + jwk.getKeyType());
    }

    private static long positive(JsonNode node, long fallback) {
        return node != null && node.isNumber() && node.asDouble() > 0 ? node.asLong() : fallback;
    }

    /** {@code 1d}, {@code 2 hours}, {@code 30m}, or a number of seconds. */
    static Duration tokenAge(JsonNode node) {
        if (node == null || node.isNull() || node.isTextual() && node.asText().isEmpty()) {
            return Duration.ofDays(1);
        }
        if (node.isNumber()) {
            return Duration.ofSeconds(node.asLong());
        }
        Matcher m = AGE.matcher(node.asText().strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("Invalid time period format");
        }
        double amount = Double.parseDouble(m.group(1));
        char unit = m.group(2).toLowerCase(Locale.ROOT).charAt(0);
        double seconds =
                switch (unit) {
                    case 's' -> amount;
                    case 'm' -> amount * 60;
                    case 'h' -> amount * 3600;
                    case 'd' -> amount * 86400;
                    case 'w' -> amount * 604800;
                    default -> amount * 31557600;
                };
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static CheckOutcome verdict(boolean verdict, String explanation) {
        ObjectNode data = Json.object();
        data.put("verdict", verdict);
        data.put("explanation", explanation);
        return CheckOutcome.of(verdict, data);
    }

    private static ObjectNode explanation(String text) {
        ObjectNode data = Json.object();
        data.put("verdict", false);
        data.put("explanation", text);
        return data;
    }
}
