package dev.aigateway.server.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.internal.Json;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * An OpenAI upstream that misbehaves on cue, for the fault tests (the failoverbench scenarios):
 * each call, counted from 1, gets the {@link Fault} its script names, in OpenAI's wire format, as
 * a complete answer or a stream as the request asks. Healthy answers say {@link #ANSWER} and name
 * the requested model; streams carry it in two chunks, then a finish chunk and {@code [DONE]}.
 */
public final class FaultyUpstream extends Dispatcher {
    public static final String ANSWER = "Hello world";

    /** What one call gets. */
    public enum Fault {
        /** A healthy answer. */
        NONE,
        /** 429 with {@code retry-after: 1}. */
        RATE_LIMITED_RETRY_AFTER,
        /** 429 without any retry header. */
        RATE_LIMITED,
        /** 500. */
        SERVER_ERROR,
        /** 503. */
        UNAVAILABLE,
        /** The connection closes before any response headers. */
        RESET,
        /** No response headers for 30 s. */
        HANG,
        /** Headers at once, the first event after 6 s. */
        SLOW_FIRST_EVENT,
        /** Two chunks, then the body ends: no finish reason, no {@code [DONE]}. */
        CUT,
        /** Two chunks, then nothing for 30 s. */
        STALL,
        /** A first event that is not JSON. */
        MALFORMED_FIRST,
        /** A chunk, then an event that is not JSON, then the rest. */
        MALFORMED_LATER,
        /** The whole answer with its finish reason, but no {@code [DONE]}. */
        NO_DONE,
        /** 400 {@code context_length_exceeded}. */
        CONTEXT_LENGTH,
        /** 400 {@code content_policy_violation}. */
        CONTENT_POLICY,
        /** 401 {@code invalid_api_key}. */
        BAD_KEY
    }

    private final IntFunction<Fault> script;
    private final AtomicInteger calls = new AtomicInteger();

    private FaultyUpstream(IntFunction<Fault> script) {
        this.script = script;
    }

    /** Every call gets {@code fault}. */
    public static FaultyUpstream always(Fault fault) {
        return new FaultyUpstream(n -> fault);
    }

    /** The first call gets {@code fault}, the later ones healthy answers. */
    public static FaultyUpstream once(Fault fault) {
        return new FaultyUpstream(n -> n == 1 ? fault : Fault.NONE);
    }

    /** Every other call fails with 500, starting with the second. */
    public static FaultyUpstream flapping() {
        return new FaultyUpstream(n -> n % 2 == 0 ? Fault.SERVER_ERROR : Fault.NONE);
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Fault fault = script.apply(calls.incrementAndGet());
        JsonNode body;
        try {
            body = Json.parse(request.getBody().toByteArray());
        } catch (IOException e) {
            return error(400, "invalid_request_error", null, "bad json");
        }
        String model = body.path("model").asText("gpt-4o");
        boolean stream = body.path("stream").asBoolean(false);
        return switch (fault) {
            case NONE -> stream ? sse(wholeStream(model) + "data: [DONE]\n\n") : completion(model);
            case RATE_LIMITED_RETRY_AFTER -> rateLimited()
                    .addHeader("retry-after", "1")
                    .build();
            case RATE_LIMITED -> rateLimited().build();
            case SERVER_ERROR -> error(500, "server_error", null, "The server had an error");
            case UNAVAILABLE -> error(503, "server_error", null, "The engine is currently overloaded");
            case RESET -> new MockResponse.Builder()
                    .onResponseStart(new SocketEffect.CloseSocket())
                    .build();
            case HANG -> new MockResponse.Builder()
                    .headersDelay(30, TimeUnit.SECONDS)
                    .body("{}")
                    .build();
            case SLOW_FIRST_EVENT -> sseBuilder(wholeStream(model) + "data: [DONE]\n\n")
                    .bodyDelay(6, TimeUnit.SECONDS)
                    .build();
            case CUT -> sse(chunk(model, "{\"role\":\"assistant\",\"content\":\"Hello\"}", null)
                    + chunk(model, "{\"content\":\" wor\"}", null));
            case STALL -> stalled(model);
            case MALFORMED_FIRST -> sse("data: {\"id\":\"chatcmpl-f\",\"choices\":[{\"delta\":{\"content\":\"Hel\n\n"
                    + wholeStream(model) + "data: [DONE]\n\n");
            case MALFORMED_LATER -> sse(chunk(model, "{\"role\":\"assistant\",\"content\":\"Hello\"}", null)
                    + "data: {\"choices\":[{\"delta\":{\"content\":\n\n"
                    + chunk(model, "{\"content\":\" world\"}", null) + "data: [DONE]\n\n");
            case NO_DONE -> sse(wholeStream(model));
            case CONTEXT_LENGTH -> error(
                    400,
                    "invalid_request_error",
                    "context_length_exceeded",
                    "This model's maximum context length is 8192 tokens.");
            case CONTENT_POLICY -> error(
                    400,
                    "invalid_request_error",
                    "content_policy_violation",
                    "Your request was rejected as a result of our safety system.");
            case BAD_KEY -> error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided.");
        };
    }

    private static MockResponse stalled(String model) {
        String two = chunk(model, "{\"role\":\"assistant\",\"content\":\"Hello\"}", null)
                + chunk(model, "{\"content\":\" wor\"}", null);
        return sseBuilder(two + chunk(model, "{\"content\":\"ld\"}", "\"stop\"") + "data: [DONE]\n\n")
                .throttleBody(two.length(), 30, TimeUnit.SECONDS)
                .build();
    }

    private static String wholeStream(String model) {
        return chunk(model, "{\"role\":\"assistant\",\"content\":\"Hello\"}", null)
                + chunk(model, "{\"content\":\" world\"}", null)
                + chunk(model, "{}", "\"stop\"");
    }

    private static String chunk(String model, String delta, String finishReason) {
        return "data: {\"id\":\"chatcmpl-f\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\""
                + model + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finishReason
                + "}]}\n\n";
    }

    private static MockResponse.Builder sseBuilder(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .body(body);
    }

    private static MockResponse sse(String body) {
        return sseBuilder(body).build();
    }

    private static MockResponse completion(String model) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body("{\"id\":\"chatcmpl-f\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\""
                        + model
                        + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + ANSWER
                        + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,"
                        + "\"total_tokens\":11}}")
                .build();
    }

    private static MockResponse.Builder rateLimited() {
        return new MockResponse.Builder()
                .code(429)
                .addHeader("content-type", "application/json")
                .body("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,"
                        + "\"code\":\"rate_limit_exceeded\"}}");
    }

    private static MockResponse error(int status, String type, String code, String message) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("content-type", "application/json")
                .body("{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                        + (code == null ? "null" : "\"" + code + "\"") + "}}")
                .build();
    }
}
