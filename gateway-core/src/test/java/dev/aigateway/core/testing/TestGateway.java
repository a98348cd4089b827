package dev.aigateway.core.testing;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/** A gateway wired for tests: recorded sleeps, fixed clock, sequential ids, leak-checked upstream. */
public final class TestGateway implements AutoCloseable {
    public final RecordingSleeper sleeper = new RecordingSleeper();
    public final LeakCheckingUpstream upstream = new LeakCheckingUpstream();
    public final Gateway gateway;

    public TestGateway() {
        this(new FakeRandom());
    }

    public TestGateway(RandomGenerator random) {
        this(random, builder -> {});
    }

    /** A test gateway with more set on its builder: interceptors, listeners. */
    public static TestGateway with(Consumer<Gateway.Builder> customize) {
        return new TestGateway(new FakeRandom(), customize);
    }

    private TestGateway(RandomGenerator random, Consumer<Gateway.Builder> customize) {
        AtomicInteger ids = new AtomicInteger();
        Gateway.Builder builder = Gateway.builder()
                .sleeper(sleeper)
                .upstream(upstream)
                .random(random)
                .clock(Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC))
                .ids(() -> "id-" + ids.incrementAndGet());
        customize.accept(builder);
        gateway = builder.build();
    }

    /** Closes the gateway and the upstream client's threads and pool. */
    @Override
    public void close() {
        gateway.close();
        upstream.close();
    }

    /** A chat completion with {@code config} and {@code body}. */
    public GatewayResponse chat(String config, String body) {
        return gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .config(config)
                .body(body)
                .build());
    }

    /** Reads a complete answer's body as text. */
    /** The body of a complete or byte answer as text; a stream is an assertion failure. */
    public static String text(GatewayResponse response) {
        if (response instanceof GatewayResponse.Complete complete) {
            return new String(complete.body(), StandardCharsets.UTF_8);
        }
        if (response instanceof GatewayResponse.Binary binary) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try {
                binary.body().writeTo(out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
        throw new AssertionError("expected a complete answer, got a stream");
    }

    public static com.fasterxml.jackson.databind.JsonNode json(GatewayResponse response) throws java.io.IOException {
        return Json.parse(text(response).getBytes(StandardCharsets.UTF_8));
    }
}
