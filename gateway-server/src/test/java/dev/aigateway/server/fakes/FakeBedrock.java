package dev.aigateway.server.fakes;

import dev.aigateway.core.testing.aws.SigV4Verifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * A Bedrock runtime speaking the real wire format: {@code /model/<id>/converse},
 * {@code /converse-stream} (AWS's binary event stream, CRCs included) and {@code /invoke} for
 * Titan embeddings. Like AWS, it recomputes each call's SigV4 signature from the secret it knows
 * for the call's access key ({@link SigV4Verifier}) and refuses a wrong one with 403
 * {@code InvalidSignatureException}; a session token must match the key's.
 */
public final class FakeBedrock extends Dispatcher {
    public static final String ANSWER = "Hello from Bedrock!";

    /** Access key id → secret, session token (empty for long-term keys). */
    private final Map<String, String[]> keys = new LinkedHashMap<>();

    private final List<String> paths = new CopyOnWriteArrayList<>();

    public FakeBedrock withKey(String accessKeyId, String secret, String sessionToken) {
        keys.put(accessKeyId, new String[] {secret, sessionToken});
        return this;
    }

    /** The raw paths of the calls whose signature verified. */
    public List<String> signedPaths() {
        return paths;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        byte[] body = request.getBody().toByteArray();
        String authorization = request.getHeaders().get("authorization");
        String keyId = authorization == null || !authorization.contains("Credential=")
                ? ""
                : authorization.substring(authorization.indexOf("Credential=") + 11, authorization.indexOf('/'));
        String[] key = keys.get(keyId);
        if (key == null) {
            return error(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        boolean signed = SigV4Verifier.verify(
                "POST",
                path,
                request.getUrl().encodedQuery(),
                name -> request.getHeaders().get(name),
                body,
                key[0]);
        if (!signed) {
            return error(
                    403,
                    "InvalidSignatureException",
                    "The request signature we calculated does not match the signature you provided.");
        }
        String token = request.getHeaders().get("x-amz-security-token");
        if (!key[1].equals(token == null ? "" : token)) {
            return error(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        paths.add(path);
        if (path.endsWith("/converse")) {
            return json(
                    "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"" + ANSWER
                            + "\"}]}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":9,\"outputTokens\":4,\"totalTokens\":13}}");
        }
        if (path.endsWith("/converse-stream")) {
            return new MockResponse.Builder()
                    .code(200)
                    .addHeader("content-type", "application/vnd.amazon.eventstream")
                    .chunkedBody(converseStream(), 50)
                    .build();
        }
        if (path.endsWith("/invoke")) {
            return json("{\"embedding\":[0.5,-0.25,1.0],\"inputTextTokenCount\":3}");
        }
        return error(404, "ResourceNotFoundException", "No such action.");
    }

    private static Buffer converseStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frame(out, "messageStart", "{\"role\":\"assistant\"}");
        frame(out, "contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hello from \"}}");
        frame(out, "contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Bedrock!\"}}");
        frame(out, "contentBlockStop", "{\"contentBlockIndex\":0}");
        frame(out, "messageStop", "{\"stopReason\":\"end_turn\"}");
        frame(
                out,
                "metadata",
                "{\"usage\":{\"inputTokens\":9,\"outputTokens\":4,\"totalTokens\":13},\"metrics\":{\"latencyMs\":5}}");
        return new Buffer().write(out.toByteArray());
    }

    private static void frame(ByteArrayOutputStream out, String type, String payload) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("event"));
        headers.put(":event-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        try {
            new Message(headers, payload.getBytes(StandardCharsets.UTF_8)).encode(out);
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body(body)
                .build();
    }

    private static MockResponse error(int status, String type, String message) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("content-type", "application/json")
                .addHeader("x-amzn-errortype", type + ":http://internal.amazon.com/coral/com.amazon.coral.service/")
                .body("{\"message\":\"" + message + "\"}")
                .build();
    }
}
