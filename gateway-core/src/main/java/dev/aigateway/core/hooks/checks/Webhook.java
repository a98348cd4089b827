package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.hooks.HookEvent;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.upstream.CalloutClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code default.webhook}: POSTs the hook context (without the caller's headers) and the event to
 * {@code webhookURL}, within {@code timeout} ms (3000 by default), and takes the verdict from the
 * answer's {@code verdict}. An answer's {@code transformedData.request.json} (before) or
 * {@code transformedData.response.json} (after) rewrites the request or the answer.
 */
final class Webhook implements Check {
    private final CalloutClient http;

    Webhook(CalloutClient http) {
        this.http = http;
    }

    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        String url = Params.text(parameters, "webhookURL").orElse("");
        Duration timeout = CalloutHeaders.timeout(parameters.get("timeout"));
        try {
            if (url.isEmpty()) {
                throw new IllegalArgumentException("Missing webhook URL");
            }
            try {
                if (!URI.create(url).isAbsolute()) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid webhook URL format");
            }
            Headers headers;
            try {
                headers = CalloutHeaders.parse(parameters.get("headers"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Failed to parse headers: " + e.getMessage());
            }
            ObjectNode body = context.toJson();
            body.put("eventType", context.event().wireName());
            CalloutClient.Answer answer = http.postJson(url, headers, Json.bytes(body), timeout);
            if (!answer.isSuccessful()) {
                return failure(httpError(answer), url, timeout);
            }
            JsonNode reply = Json.parse(answer.body());
            boolean verdict = Params.truthy(reply.get("verdict"));
            ObjectNode data = Json.object();
            data.put("verdict", verdict);
            data.put("explanation", verdict ? "Webhook request succeeded" : "Webhook request failed");
            data.put("webhookUrl", url);
            if (reply.has("data")) {
                data.set("responseData", reply.get("data"));
            }
            data.putObject("requestContext").put("timeout", timeout.toMillis());
            CheckOutcome outcome = CheckOutcome.of(verdict, data);
            boolean before = context.event() == HookEvent.BEFORE_REQUEST;
            JsonNode rewrite = reply.path("transformedData")
                    .path(before ? "request" : "response")
                    .path("json");
            if (rewrite.isObject() && !rewrite.isEmpty()) {
                outcome =
                        before ? outcome.withRequest((ObjectNode) rewrite) : outcome.withResponse((ObjectNode) rewrite);
            }
            return outcome;
        } catch (CalloutClient.CalloutTimeoutException e) {
            return failure(new NamedError("TimeoutError", e.getMessage(), Optional.empty()), url, timeout);
        } catch (IOException | RuntimeException e) {
            return failure(new NamedError("Error", String.valueOf(e.getMessage()), Optional.empty()), url, timeout);
        }
    }

    private record NamedError(String name, String message, Optional<JsonNode> responseData) {}

    private static NamedError httpError(CalloutClient.Answer answer) {
        Optional<JsonNode> data = Optional.empty();
        String type = answer.headers().value("content-type");
        if ("application/json".equals(type)) {
            try {
                data = Optional.of(Json.parse(answer.body()));
            } catch (IOException e) {
                data = Optional.empty();
            }
        }
        return new NamedError("HttpError", "HTTP error! status: " + answer.status(), data);
    }

    private static CheckOutcome failure(NamedError error, String url, Duration timeout) {
        ObjectNode data = Json.object();
        data.put("explanation", "Webhook error: " + error.message());
        data.put("webhookUrl", url.isEmpty() ? "No URL provided" : url);
        data.putObject("requestContext").put("timeout", timeout.toMillis());
        error.responseData().ifPresent(d -> data.set("responseData", d));
        return CheckOutcome.failed(false, new CheckError(Optional.of(error.name()), error.message()), data);
    }
}
