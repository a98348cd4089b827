package dev.aigateway.core.provider.vertex.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.error.CredentialException;
import dev.aigateway.core.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The few HTTP calls credentials need (a token endpoint, STS, a metadata server), on a client of
 * their own: these addresses are the operator's (configured, or Google's own), not the caller's, and
 * a metadata server lives at a link-local address the upstream client refuses. Made on first use and
 * shared by the process; its idle threads end by themselves. Answers are small JSON documents;
 * failures become {@link CredentialException}s that name {@code what} and never hold a credential.
 */
final class AuthHttp {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int MAX_ERROR_TEXT = 300;
    /** Ends the name of what could not be reached in a failure's message. */
    static final String UNREACHABLE = " could not be reached: ";

    private final OkHttpClient client;

    private AuthHttp(OkHttpClient client) {
        this.client = client;
    }

    /** The process's client, made on first use. */
    static AuthHttp shared() {
        return Shared.INSTANCE;
    }

    /** Holds the shared client: made when first asked for, not when the provider is. */
    private static final class Shared {
        /** Connects within 5 s and answers within 20 s; a metadata server that is not there fails fast. */
        static final AuthHttp INSTANCE = new AuthHttp(new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .callTimeout(Duration.ofSeconds(20))
                .followRedirects(false)
                .build());
    }

    /** POSTs a form ({@code application/x-www-form-urlencoded}) and reads the JSON answer. */
    JsonNode postForm(String url, Map<String, String> form, String what) {
        FormBody.Builder body = new FormBody.Builder();
        form.forEach(body::add);
        return call(new Request.Builder().url(url).post(body.build()).build(), what);
    }

    /** An OAuth2 token answer ({@code access_token}, {@code expires_in}) as a token obtained {@code now}. */
    static AccessToken oauthToken(JsonNode json, Instant now, String what) {
        String token = Json.textOrNull(json, "access_token");
        if (token == null || token.isBlank()) {
            throw new CredentialException(502, what + " answered without an access_token");
        }
        long seconds = json.path("expires_in").asLong(3600);
        return AccessToken.of(token, now, Duration.ofSeconds(Math.max(seconds, 1)));
    }

    /** POSTs JSON with a bearer token and reads the JSON answer. */
    JsonNode postJson(String url, String bearer, JsonNode json, String what) {
        return call(
                new Request.Builder()
                        .url(url)
                        .header("authorization", "Bearer " + bearer)
                        .post(RequestBody.create(Json.bytes(json), JSON))
                        .build(),
                what);
    }

    /** GETs {@code url} with {@code headers} and returns the body as text. */
    String get(String url, Map<String, String> headers, String requiredHeader, String what) {
        Request.Builder request = new Request.Builder().url(url).get();
        headers.forEach(request::header);
        try (Response response = client.newCall(request.build()).execute()) {
            String text = bodyText(response.body());
            if (!response.isSuccessful()) {
                throw refused(response.code(), what, text);
            }
            if (requiredHeader != null && response.header(requiredHeader) == null) {
                throw new CredentialException(502, what + " answered without the " + requiredHeader + " header");
            }
            return text;
        } catch (IOException | IllegalArgumentException e) {
            throw unreachable(what, e);
        }
    }

    private JsonNode call(Request request, String what) {
        try (Response response = client.newCall(request).execute()) {
            String text = bodyText(response.body());
            if (!response.isSuccessful()) {
                throw refused(response.code(), what, text);
            }
            JsonNode json = Json.parseOrNull(text.getBytes(StandardCharsets.UTF_8));
            if (json == null || !json.isObject()) {
                throw new CredentialException(502, what + " answered with something that is not a JSON object");
            }
            return json;
        } catch (IOException | IllegalArgumentException e) {
            throw unreachable(what, e);
        }
    }

    private static String bodyText(ResponseBody body) throws IOException {
        return body == null ? "" : body.string();
    }

    /**
     * A refusal: 401 for refused credentials (OAuth's {@code invalid_grant}, {@code invalid_client},
     * ...), 429 kept, 502 for a failing service. The message has OAuth's {@code error} and
     * {@code error_description} (or Google's {@code error.message}), never the request.
     */
    static CredentialException refused(int status, String what, String body) {
        JsonNode json = Json.parseOrNull(body.getBytes(StandardCharsets.UTF_8));
        String reason;
        if (json != null && json.path("error").isTextual()) {
            reason = json.path("error").asText()
                    + (json.hasNonNull("error_description")
                            ? ": " + json.path("error_description").asText()
                            : "");
        } else if (json != null && json.path("error").path("message").isTextual()) {
            reason = json.path("error").path("message").asText();
        } else {
            reason = body.strip().isEmpty() ? "HTTP " + status : body.strip();
        }
        if (reason.length() > MAX_ERROR_TEXT) {
            reason = reason.substring(0, MAX_ERROR_TEXT) + "...";
        }
        int answer = status == 429 ? 429 : status >= 400 && status < 500 ? 401 : 502;
        return new CredentialException(answer, what + " refused (HTTP " + status + "): " + reason);
    }

    private static CredentialException unreachable(String what, Exception e) {
        return new CredentialException(
                502,
                what
                        + UNREACHABLE
                        + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
}
