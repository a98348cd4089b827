package dev.aigateway.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.internal.Json;
import dev.aigateway.server.fakes.FaultyUpstream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;

/**
 * The fault tests' bench: a primary upstream that misbehaves as its {@link FaultyUpstream} script
 * says, a healthy secondary, and gateway servers built as {@code java -jar} builds them
 * ({@link GatewayAssembly}), on a clock the test moves and a sleeper that records instead of
 * waiting. {@link #call} sends one chat completion as a plain HTTP client and times it.
 */
final class FaultBench implements AutoCloseable {
    final MockWebServer primary = new MockWebServer();
    final MockWebServer secondary = new MockWebServer();
    final FaultyUpstream healthy = FaultyUpstream.always(FaultyUpstream.Fault.NONE);
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final MovableClock clock = new MovableClock();
    private final List<GatewayServer> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    FaultBench(FaultyUpstream faulty) throws IOException {
        primary.setDispatcher(faulty);
        secondary.setDispatcher(healthy);
        primary.start();
        secondary.start();
    }

    /** A gateway server on port 0 with {@code args} as its command line. */
    GatewayServer server(String... args) {
        GatewayServer server = GatewayServer.builder()
                .port(0)
                .gateway(GatewayAssembly.build(ServerOptions.parse(args, Map.of()), clock, sleeps::add))
                .build()
                .start();
        servers.add(server);
        return server;
    }

    /**
     * A fallback from the primary to the secondary (which is asked for {@code gpt-4o-mini}), with
     * {@code strategyExtra} in the strategy and {@code primaryExtra} on the primary.
     */
    String config(String strategyExtra, String primaryExtra) {
        return "{\"strategy\":{\"mode\":\"fallback\"" + strategyExtra + "},\"targets\":["
                + "{\"provider\":\"openai\",\"api_key\":\"sk-primary\",\"custom_host\":\"" + primary.url("/v1") + "\""
                + primaryExtra + "},"
                + "{\"provider\":\"openai\",\"api_key\":\"sk-secondary\",\"custom_host\":\"" + secondary.url("/v1")
                + "\",\"override_params\":{\"model\":\"gpt-4o-mini\"}}]}";
    }

    /** What the caller received, and how long it took to receive all of it. */
    record Reply(int status, Map<String, List<String>> headers, String body, long millis) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        JsonNode json() throws IOException {
            return Json.parse(body);
        }

        /** The {@code data:} payloads of a stream, in order. */
        List<String> events() {
            List<String> events = new ArrayList<>();
            for (String block : body.split("\n\n")) {
                StringBuilder data = new StringBuilder();
                for (String line : block.split("\n")) {
                    if (line.startsWith("data: ")) {
                        data.append(data.length() == 0 ? "" : "\n").append(line.substring(6));
                    }
                }
                if (data.length() > 0) {
                    events.add(data.toString());
                }
            }
            return events;
        }

        /** The streamed text of the first choice. */
        String streamedText() throws IOException {
            StringBuilder text = new StringBuilder();
            for (String event : events()) {
                if (!event.equals("[DONE]")) {
                    text.append(Json.parse(event).at("/choices/0/delta/content").asText(""));
                }
            }
            return text.toString();
        }
    }

    Reply call(GatewayServer server, String config, boolean stream) throws IOException, InterruptedException {
        String body = "{\"model\":\"gpt-4o\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .header("x-portkey-config", config)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new Reply(response.statusCode(), response.headers().map(), response.body(), millis);
    }

    @Override
    public void close() {
        servers.forEach(GatewayServer::close);
        primary.close();
        secondary.close();
    }

    /** A clock that moves when the test says. */
    static final class MovableClock extends java.time.Clock {
        private volatile Instant now = Instant.ofEpochSecond(1_700_000_000L);

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
