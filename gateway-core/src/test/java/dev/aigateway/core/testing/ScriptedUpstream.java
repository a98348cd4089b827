package dev.aigateway.core.testing;

import dev.aigateway.core.http.Headers;
import dev.aigateway.core.upstream.UpstreamClient;
import dev.aigateway.core.upstream.UpstreamRequest;
import dev.aigateway.core.upstream.UpstreamResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * Upstreams in memory, one per host, each answering its n-th call (from 1) with the status a script
 * gives: 2xx with a chat completion (or, for a stream, its chunks and {@code [DONE]}), else an
 * OpenAI error. Counts the calls per host: for breaker and routing tests that need many calls and
 * no wire.
 */
public final class ScriptedUpstream implements UpstreamClient {
    private final Map<String, IntUnaryOperator> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();

    /** Answers calls to {@code host} with {@code statusOfCall.applyAsInt(n)}, n counting from 1. */
    public ScriptedUpstream on(String host, IntUnaryOperator statusOfCall) {
        scripts.put(host, statusOfCall);
        return this;
    }

    /** A host that fails every other call, starting with its second. */
    public static IntUnaryOperator flapping() {
        return n -> n % 2 == 0 ? 500 : 200;
    }

    public static IntUnaryOperator always(int status) {
        return n -> status;
    }

    /** Calls {@code host} received. */
    public int calls(String host) {
        AtomicInteger count = calls.get(host);
        return count == null ? 0 : count.get();
    }

    /** The hosts called, in order. */
    public List<String> order() {
        return List.copyOf(order);
    }

    /** A config leaf for the openai provider at {@code host}. */
    public static String target(String host, String key) {
        return "{\"provider\":\"openai\",\"api_key\":\"" + key + "\",\"custom_host\":\"http://" + host + "/v1\"}";
    }

    @Override
    public UpstreamResponse execute(UpstreamRequest request) {
        String host = request.url().replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        order.add(host);
        int n = calls.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
        int status = scripts.getOrDefault(host, always(200)).applyAsInt(n);
        if (status / 100 != 2) {
            return new Answer(
                    status, Headers.of("content-type", "application/json"), OpenAiFakes.errorBody(host), false);
        }
        if (request.stream()) {
            String body = OpenAiFakes.chunk(host)
                    + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
                    + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
            return new Answer(status, Headers.of("content-type", "text/event-stream"), body, true);
        }
        return new Answer(status, Headers.of("content-type", "application/json"), OpenAiFakes.completion(host), false);
    }

    private record Answer(int status, Headers headers, String body, boolean isOpenStream) implements UpstreamResponse {
        @Override
        public byte[] bytes() {
            return isOpenStream ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public InputStream stream() {
            return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void cancel() {}

        @Override
        public void close() {}
    }
}
