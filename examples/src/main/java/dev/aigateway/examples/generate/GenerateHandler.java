package dev.aigateway.examples.generate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import dev.aigateway.examples.Answer;
import dev.aigateway.examples.GatewayClient;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * The app's routes: {@code GET /} says hello; {@code POST /generate} takes {@code {"prompt": "..."}}
 * and answers {@code {"response": "..."}} from whichever model the gateway's config picked, with
 * the gateway's {@code x-portkey-provider} and {@code x-portkey-last-used-option-index} headers
 * passed on. Bad input gets 400, a gateway failure 502, each as {@code {"error": "..."}}.
 * Runs on Undertow's worker threads (the call to the gateway blocks).
 */
final class GenerateHandler implements HttpHandler {
    static final String HELLO = "Hello from the generate app! POST /generate with {\"prompt\": \"...\"}\n";

    private static final Logger LOG = Logger.getLogger(GenerateHandler.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final OpenAIClient client;
    private final String model;
    private final String gatewayUrl;

    GenerateHandler(OpenAIClient client, String model, String gatewayUrl) {
        this.client = client;
        this.model = model;
        this.gatewayUrl = gatewayUrl;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        String path = exchange.getRequestPath();
        boolean post = Methods.POST.equals(exchange.getRequestMethod());
        if (path.equals("/") && Methods.GET.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=UTF-8");
            exchange.getResponseSender().send(HELLO, StandardCharsets.UTF_8);
        } else if (path.equals("/generate") && post) {
            generate(exchange);
        } else if (path.equals("/generate")) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
            error(exchange, 405, "Use POST /generate with {\"prompt\": \"...\"}");
        } else {
            error(exchange, 404, "Not found: try GET / or POST /generate");
        }
    }

    private void generate(HttpServerExchange exchange) throws IOException {
        byte[] body = exchange.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            error(exchange, 413, "The body is larger than " + MAX_BODY_BYTES + " bytes");
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            error(exchange, 400, "The body must be JSON like {\"prompt\": \"...\"}");
            return;
        }
        JsonNode prompt = json == null ? null : json.get("prompt");
        if (prompt == null || !prompt.isTextual() || prompt.asText().isBlank()) {
            error(exchange, 400, "\"prompt\" is required and must be a non-empty string");
            return;
        }
        try {
            Answer answer = Answer.ask(client, model, prompt.asText());
            exchange.getResponseHeaders().put(new HttpString(Answer.PROVIDER_HEADER), answer.provider());
            exchange.getResponseHeaders().put(new HttpString(Answer.OPTION_INDEX_HEADER), answer.optionIndex());
            send(exchange, 200, JSON.createObjectNode().put("response", answer.text()));
        } catch (OpenAIServiceException e) {
            ObjectNode error = JSON.createObjectNode()
                    .put("error", "The gateway answered " + e.statusCode() + ": " + GatewayClient.errorMessage(e))
                    .put("gateway_status", e.statusCode());
            send(exchange, 502, error);
        } catch (OpenAIIoException e) {
            error(
                    exchange,
                    502,
                    "Could not reach the gateway at " + gatewayUrl + " (" + GatewayClient.connectionProblem(e)
                            + "). Is it running?");
        } catch (OpenAIException e) {
            // The gateway answered something that is not a chat completion.
            LOG.warning("unreadable gateway answer: " + e.getClass().getSimpleName());
            error(exchange, 502, "The gateway's answer could not be read");
        }
    }

    private static void error(HttpServerExchange exchange, int status, String message) throws IOException {
        send(exchange, status, JSON.createObjectNode().put("error", message));
    }

    private static void send(HttpServerExchange exchange, int status, JsonNode body) throws IOException {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(JSON.writeValueAsString(body) + "\n", StandardCharsets.UTF_8);
    }
}
