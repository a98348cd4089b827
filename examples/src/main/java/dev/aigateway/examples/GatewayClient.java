package dev.aigateway.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import dev.aigateway.client.HeaderOptions;
import dev.aigateway.client.Portkey;
import dev.aigateway.client.PortkeyConfig;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;

/** An openai-java client that talks to the gateway, as the walkthrough sets it up, and its failures in words. */
public final class GatewayClient {
    /**
     * openai-java insists on an API key; the provider keys live in the gateway config, so any
     * placeholder does (the Node walkthrough passes {@code DUMMY-KEY} the same way).
     */
    static final String PLACEHOLDER_KEY = "placeholder";

    private GatewayClient() {}

    /**
     * Whether {@code url} can be a gateway base URL: an absolute http(s) URL with a host. openai-java
     * fails with a bare {@code NullPointerException} on anything else, e.g. {@code localhost:8787/v1}.
     */
    public static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return uri.getHost() != null && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A client whose every request carries {@code config} in {@code x-portkey-config}. */
    public static OpenAIClient create(String gatewayUrl, PortkeyConfig config) {
        return create(
                gatewayUrl,
                Portkey.createHeaders(HeaderOptions.builder().config(config).build()));
    }

    /** A client whose every request carries {@code headers} (from {@code Portkey.createHeaders}). */
    public static OpenAIClient create(String gatewayUrl, Map<String, String> headers) {
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
                .baseUrl(gatewayUrl)
                .apiKey(PLACEHOLDER_KEY)
                // The gateway config retries and falls back; SDK retries would repeat all of it.
                .maxRetries(0)
                .timeout(Duration.ofSeconds(60));
        headers.forEach(builder::putHeader);
        return builder.build();
    }

    /**
     * Why a call through the gateway failed, in one line for people: the gateway's error answer,
     * or why it could not be reached. Never a stack trace.
     */
    public static String failure(OpenAIException e) {
        if (e instanceof OpenAIServiceException answered) {
            return "the gateway answered " + answered.statusCode() + ": " + errorMessage(answered);
        }
        if (e instanceof OpenAIIoException) {
            return "could not reach the gateway (" + connectionProblem(e) + ")";
        }
        return "the gateway's answer could not be read";
    }

    /**
     * The message in the gateway's error body: {@code error.message} in the OpenAI envelope the
     * gateway uses for provider errors, or {@code message} in its own {@code {"status":"failure"}}.
     */
    public static String errorMessage(OpenAIServiceException e) {
        JsonNode body;
        try {
            body = e.body().convert(JsonNode.class);
        } catch (RuntimeException notJson) {
            body = null;
        }
        if (body != null && body.path("error").path("message").isTextual()) {
            return body.path("error").path("message").asText();
        }
        if (body != null && body.path("message").isTextual()) {
            return body.path("message").asText();
        }
        return "(no message)";
    }

    /**
     * A short reason for a failed connection. Low-level messages are not shown: after the gateway
     * goes away, a pooled connection fails with okio's internals rather than anything readable.
     */
    public static String connectionProblem(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host";
            }
            if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
                return "timed out";
            }
        }
        return "the connection failed";
    }
}
