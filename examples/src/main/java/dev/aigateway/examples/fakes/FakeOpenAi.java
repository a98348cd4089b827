package dev.aigateway.examples.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An offline stand-in for OpenAI's Chat Completions API on {@code 127.0.0.1}, speaking its wire
 * format: {@code POST /v1/chat/completions} with {@code Authorization: Bearer <key>} answers a
 * {@code chat.completion}, or with {@code "stream": true} a stream of {@code chat.completion.chunk}
 * events ending in {@code data: [DONE]}. It calls offered tools and follows {@code json_schema}
 * response formats as {@link AssistantTurn} describes. Errors come in OpenAI's envelope: 401 for a
 * missing or wrong key, 400 for a bad body, 404 for a model that is not OpenAI's.
 */
public final class FakeOpenAi implements AutoCloseable {
    static final String PATH = "/v1/chat/completions";
    static final String MISSING_KEY_MESSAGE = "You didn't provide an API key. You need to provide your API key in an"
            + " Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password"
            + " field (i.e. username: '', password: YOUR_KEY) in your HTTP request.";

    private final String validKey;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile String lastOutcome = "no request yet";
    private volatile Optional<JsonNode> lastAnswered = Optional.empty();
    private final LoopbackServer server;

    private FakeOpenAi(String validKey, int port) {
        this.validKey = validKey;
        this.server = LoopbackServer.start(port, this::handle);
    }

    /** Starts a fake OpenAI that accepts only {@code validKey}, on {@code port} (0 picks a free one). */
    public static FakeOpenAi start(String validKey, int port) {
        return new FakeOpenAi(validKey, port);
    }

    /** The base URL, {@code http://127.0.0.1:<port>/v1}: the {@code custom_host} of an openai target. */
    public String url() {
        return server.url() + "/v1";
    }

    /** How many requests arrived, answered or refused. */
    public int requestCount() {
        return requests.get();
    }

    /** How the last request was answered, e.g. {@code 200 OK} or {@code 401 invalid_api_key}. */
    public String lastOutcome() {
        return lastOutcome;
    }

    /** The body of the last request answered with 200, as the gateway sent it. */
    public Optional<JsonNode> lastAnsweredRequest() {
        return lastAnswered;
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpServerExchange exchange) throws IOException {
        requests.incrementAndGet();
        if (!Methods.POST.equals(exchange.getRequestMethod())
                || !exchange.getRequestPath().equals(PATH)) {
            error(
                    exchange,
                    404,
                    "Invalid URL (" + exchange.getRequestMethod() + " " + exchange.getRequestPath() + ")",
                    null,
                    null);
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("authorization");
        String key = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).strip()
                : "";
        if (key.isEmpty()) {
            error(exchange, 401, MISSING_KEY_MESSAGE, null, null);
            return;
        }
        if (!key.equals(validKey)) {
            // OpenAI shows part of the key it refused; never more than its first characters here.
            error(
                    exchange,
                    401,
                    "Incorrect API key provided: " + key.substring(0, Math.min(3, key.length()))
                            + "*****. You can find your API key at https://platform.openai.com/account/api-keys.",
                    null,
                    "invalid_api_key");
            return;
        }
        Optional<JsonNode> parsed = Wire.readJson(exchange);
        if (parsed.isEmpty() || !parsed.get().isObject()) {
            error(
                    exchange,
                    400,
                    "We could not parse the JSON body of your request. (HINT: This likely means you"
                            + " aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what"
                            + " was sent was not valid JSON.)",
                    null,
                    null);
            return;
        }
        JsonNode body = parsed.get();
        String model = body.path("model").asText("");
        if (model.isEmpty()) {
            error(exchange, 400, "you must provide a model parameter", null, null);
            return;
        }
        if (!(model.startsWith("gpt-") || model.matches("o[0-9].*"))) {
            error(
                    exchange,
                    404,
                    "The model `" + model + "` does not exist or you do not have access to it.",
                    null,
                    "model_not_found");
            return;
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            error(exchange, 400, "Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
            return;
        }
        String prompt = lastUserText(messages);
        int number = ids.incrementAndGet();
        AssistantTurn turn = AssistantTurn.answer(body, prompt, "call_fake" + number);
        String id = "chatcmpl-fake" + number;
        lastOutcome = "200 OK";
        lastAnswered = Optional.of(body);
        if (body.path("stream").asBoolean(false)) {
            boolean usage = body.path("stream_options").path("include_usage").asBoolean(false);
            stream(exchange, id, model, prompt, turn, usage);
        } else {
            Wire.sendJson(exchange, 200, completion(id, model, prompt, turn));
        }
    }

    /** The last user message's text, whether its content is a string or a list of parts. */
    private static String lastUserText(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if (message.path("role").asText().equals("user")) {
                return AssistantTurn.textOf(message.path("content"));
            }
        }
        return "";
    }

    private static ObjectNode completion(String id, String model, String prompt, AssistantTurn turn) {
        ObjectNode completion = header(id, "chat.completion", model);
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (turn.toolCall().isPresent()) {
            message.putNull("content");
            message.putArray("tool_calls").add(turn.toolCall().get());
        } else {
            message.put("content", turn.content());
        }
        message.putNull("refusal").putArray("annotations");
        choice.putNull("logprobs");
        choice.put("finish_reason", turn.finishReason());
        completion.set("usage", usage(prompt, turn.content()));
        completion.put("service_tier", "default");
        completion.put("system_fingerprint", "fp_offline");
        return completion;
    }

    private static void stream(
            HttpServerExchange exchange, String id, String model, String prompt, AssistantTurn turn, boolean withUsage)
            throws IOException {
        String reply = turn.content();
        OutputStream out = Wire.startStream(exchange, "text/event-stream");
        ObjectNode first = chunk(id, model, withUsage);
        first.withArrayProperty("choices")
                .addObject()
                .put("index", 0)
                .set(
                        "delta",
                        Json.object()
                                .put("role", "assistant")
                                .put("content", "")
                                .putNull("refusal"));
        send(out, first);
        if (turn.toolCall().isPresent()) {
            // A tool call comes whole in one chunk, with the index OpenAI's stream deltas carry.
            ObjectNode chunk = chunk(id, model, withUsage);
            ObjectNode delta = chunk.withArrayProperty("choices")
                    .addObject()
                    .put("index", 0)
                    .putObject("delta");
            delta.putArray("tool_calls").add(turn.toolCall().get().deepCopy().put("index", 0));
            send(out, chunk);
        }
        List<String> pieces = reply.isEmpty() ? List.of() : Replies.pieces(reply);
        for (String piece : pieces) {
            ObjectNode chunk = chunk(id, model, withUsage);
            ObjectNode choice = chunk.withArrayProperty("choices").addObject().put("index", 0);
            choice.putObject("delta").put("content", piece);
            choice.putNull("logprobs");
            choice.putNull("finish_reason");
            send(out, chunk);
        }
        ObjectNode last = chunk(id, model, withUsage);
        ObjectNode choice = last.withArrayProperty("choices").addObject().put("index", 0);
        choice.putObject("delta");
        choice.putNull("logprobs");
        choice.put("finish_reason", turn.finishReason());
        send(out, last);
        if (withUsage) {
            ObjectNode usage = chunk(id, model, false);
            usage.set("usage", usage(prompt, reply));
            send(out, usage);
        }
        Wire.sendEvent(out, "[DONE]", "\n");
    }

    private static ObjectNode chunk(String id, String model, boolean nullUsage) {
        ObjectNode chunk = header(id, "chat.completion.chunk", model);
        chunk.put("service_tier", "default");
        chunk.put("system_fingerprint", "fp_offline");
        chunk.putArray("choices");
        if (nullUsage) {
            // With include_usage, every chunk but the last carries "usage": null.
            chunk.putNull("usage");
        }
        return chunk;
    }

    private static void send(OutputStream out, ObjectNode chunk) throws IOException {
        Wire.sendEvent(out, Json.text(chunk), "\n");
    }

    private static ObjectNode header(String id, String object, String model) {
        ObjectNode node = Json.object();
        node.put("id", id);
        node.put("object", object);
        node.put("created", System.currentTimeMillis() / 1000);
        node.put("model", model);
        return node;
    }

    private static ObjectNode usage(String prompt, String reply) {
        int promptTokens = Replies.tokens(prompt);
        int replyTokens = Replies.tokens(reply);
        ObjectNode usage = Json.object();
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", replyTokens);
        usage.put("total_tokens", promptTokens + replyTokens);
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details")
                .put("reasoning_tokens", 0)
                .put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0)
                .put("rejected_prediction_tokens", 0);
        return usage;
    }

    private void error(HttpServerExchange exchange, int status, String message, String param, String code) {
        lastOutcome = status + " " + (code != null ? code : "invalid_request_error");
        ObjectNode error = Json.object();
        error.putObject("error")
                .put("message", message)
                .put("type", "invalid_request_error")
                .put("param", param)
                .put("code", code);
        Wire.sendJson(exchange, status, error);
    }
}
