package dev.aigateway.core.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import java.util.Optional;

/**
 * What a check sees, as Portkey's hook context: the request body in OpenAI format (after
 * {@code override_params} and earlier rewrites), the answer once there is one, the provider, the
 * request type ({@code chatComplete}, {@code complete}, {@code embed}, {@code messages}) and the
 * caller's {@code x-portkey-metadata}. The JSON trees are shared: read them, never change them; a
 * check that rewrites returns a new tree in its {@link CheckOutcome}. Immutable.
 *
 * @param requestHeaders the caller's request headers (for {@code default.jwt}); never sent on
 * @param response the answer's body; empty before the request and for a stream
 * @param statusCode the answer's status; 0 before the request
 */
public record CheckContext(
        HookEvent event,
        String requestType,
        String provider,
        ObjectNode metadata,
        Headers requestHeaders,
        boolean streaming,
        ObjectNode request,
        boolean requestTransformed,
        Optional<ObjectNode> response,
        int statusCode,
        boolean responseTransformed) {

    /** The context of a request's before-request hooks. */
    public static CheckContext before(
            String requestType,
            String provider,
            ObjectNode metadata,
            Headers headers,
            boolean streaming,
            ObjectNode request) {
        return new CheckContext(
                HookEvent.BEFORE_REQUEST,
                requestType,
                provider,
                metadata,
                headers,
                streaming,
                request,
                false,
                Optional.empty(),
                0,
                false);
    }

    /** This context with a rewritten request body. */
    public CheckContext withRequest(ObjectNode value) {
        return new CheckContext(
                event,
                requestType,
                provider,
                metadata,
                requestHeaders,
                streaming,
                value,
                true,
                response,
                statusCode,
                responseTransformed);
    }

    /** This context with a rewritten answer. */
    public CheckContext withRewrittenResponse(ObjectNode value) {
        return new CheckContext(
                event,
                requestType,
                provider,
                metadata,
                requestHeaders,
                streaming,
                request,
                requestTransformed,
                Optional.of(value),
                statusCode,
                true);
    }

    /** This context on the answer: the after-request hooks' view. */
    public CheckContext withAnswer(Optional<ObjectNode> body, int status) {
        return new CheckContext(
                HookEvent.AFTER_REQUEST,
                requestType,
                provider,
                metadata,
                requestHeaders,
                streaming,
                request,
                requestTransformed,
                body,
                status,
                false);
    }

    /** The request's text as Portkey's context gives it: the prompt, else the last message's, else the input. */
    public String requestText() {
        JsonNode prompt = request.get("prompt");
        if (truthy(prompt)) {
            return prompt.isTextual() ? prompt.asText() : Json.text(prompt);
        }
        JsonNode messages = request.path("messages");
        if (messages.isArray() && !messages.isEmpty()) {
            JsonNode content = messages.get(messages.size() - 1).path("content");
            if (content.isArray()) {
                StringBuilder joined = new StringBuilder();
                for (int i = 0; i < content.size(); i++) {
                    joined.append(i == 0 ? "" : "\n")
                            .append(content.get(i).path("text").asText(""));
                }
                if (joined.length() > 0) {
                    return joined.toString();
                }
            }
            return content.isTextual() ? content.asText() : "";
        }
        JsonNode input = request.get("input");
        if (input != null && input.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < input.size(); i++) {
                joined.append(i == 0 ? "" : "\n")
                        .append(input.get(i).isTextual() ? input.get(i).asText() : Json.text(input.get(i)));
            }
            return joined.toString();
        }
        return truthy(input) ? input.asText() : "";
    }

    /** The answer's text as Portkey's context gives it: the first choice's text or message content. */
    public String responseText() {
        JsonNode choice = response.map(r -> r.path("choices").path(0)).orElse(Json.object());
        if (!choice.path("text").asText("").isEmpty()) {
            return choice.path("text").asText();
        }
        JsonNode content = choice.path("message").path("content");
        return content.isTextual() ? content.asText() : content.path("text").asText("");
    }

    /**
     * Portkey's context as JSON, as webhooks receive it. The request headers are left out (they
     * carry the caller's credentials).
     */
    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        ObjectNode req = json.putObject("request");
        req.set("json", request);
        req.put("text", requestText());
        req.put("isStreamingRequest", streaming);
        req.put("isTransformed", requestTransformed);
        ObjectNode res = json.putObject("response");
        res.set("json", response.<JsonNode>map(r -> r).orElseGet(Json::object));
        res.put("text", responseText());
        if (statusCode == 0) {
            res.putNull("statusCode");
        } else {
            res.put("statusCode", statusCode);
        }
        res.put("isTransformed", responseTransformed);
        json.put("provider", provider);
        json.put("requestType", requestType);
        json.set("metadata", metadata);
        return json;
    }

    private static boolean truthy(JsonNode node) {
        return node != null
                && !node.isNull()
                && !(node.isTextual() && node.asText().isEmpty());
    }
}
