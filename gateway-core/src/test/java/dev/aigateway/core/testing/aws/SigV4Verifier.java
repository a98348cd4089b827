package dev.aigateway.core.testing.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checked against AWS's test suite by {@code SigV4TestVectorsTest}; gateway-server's fake Bedrock
 * uses it through gateway-core's test-jar.
 * SigV4 written out from AWS's specification, independent of the SDK the gateway signs with: the
 * tests check it against AWS's published test suite, then use it to check what the gateway sends,
 * as AWS would (the path's segments encoded once more, as for every service but S3).
 */
public final class SigV4Verifier {
    private SigV4Verifier() {}

    /**
     * The signature of a request with these parts. {@code header} gives a signed header's value by
     * its lower-case name.
     */
    public static String signature(
            String method,
            String rawPath,
            String rawQuery,
            List<String> signedHeaders,
            Function<String, String> header,
            byte[] body,
            String secret,
            String amzDate,
            String region,
            String service) {
        StringBuilder canonical = new StringBuilder();
        canonical.append(method).append('\n');
        canonical.append(canonicalPath(rawPath)).append('\n');
        canonical.append(canonicalQuery(rawQuery)).append('\n');
        for (String name : signedHeaders) {
            canonical
                    .append(name)
                    .append(':')
                    .append(header.apply(name).strip().replaceAll(" +", " "))
                    .append('\n');
        }
        canonical
                .append('\n')
                .append(String.join(";", signedHeaders))
                .append('\n')
                .append(hex(sha256(body)));
        String day = amzDate.substring(0, 8);
        String scope = day + "/" + region + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return hex(hmac(key, toSign));
    }

    /**
     * Whether {@code authorization} is the right signature of this request under {@code secret}:
     * recomputed from the request as it arrived, over the headers it says it signed.
     */
    public static boolean verify(
            String method,
            String rawPath,
            String rawQuery,
            Function<String, String> header,
            byte[] body,
            String secret) {
        String authorization = header.apply("authorization");
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
            return false;
        }
        Map<String, String> parts = new java.util.HashMap<>();
        for (String part : authorization.substring("AWS4-HMAC-SHA256 ".length()).split(", *")) {
            int eq = part.indexOf('=');
            parts.put(part.substring(0, eq), part.substring(eq + 1));
        }
        String[] credential = parts.getOrDefault("Credential", "").split("/");
        List<String> signed = List.of(parts.getOrDefault("SignedHeaders", "").split(";"));
        if (credential.length != 5 || !signed.contains("host") || header.apply("x-amz-date") == null) {
            return false;
        }
        for (String name : signed) {
            if (header.apply(name) == null) {
                return false;
            }
        }
        String expected = signature(
                method,
                rawPath,
                rawQuery,
                signed,
                header,
                body,
                secret,
                header.apply("x-amz-date"),
                credential[2],
                credential[3]);
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                parts.getOrDefault("Signature", "").getBytes(StandardCharsets.US_ASCII));
    }

    private static String canonicalPath(String rawPath) {
        if (rawPath.isEmpty() || rawPath.equals("/")) {
            return "/";
        }
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/", -1)) {
            segments.add(encode(segment));
        }
        return String.join("/", segments);
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(encode(decode(name)) + "=" + encode(decode(value)));
        }
        pairs.sort(null);
        return String.join("&", pairs);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** RFC 3986 encoding: all but {@code A-Z a-z 0-9 - . _ ~}. */
    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", (int) c));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
