package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.redis.testing.RedisServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The server's response cache: in Redis when the server has one, so that replicas (here this JVM
 * and a second gateway process) answer from each other's entries; served without it while Redis
 * is down.
 */
class ResponseCacheServerTest {
    private static final String BODY =
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";
    private static final String STREAM_BODY =
            "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Say bye.\"}]}";
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final HttpClient http = HttpClient.newHttpClient();

    private static MockResponse answer(String content) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content
                        + "\"},\"finish_reason\":\"stop\"}]}")
                .build();
    }

    private static MockResponse stream(String content) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .body("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content
                        + "\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
                .build();
    }

    private HttpResponse<String> chat(String gatewayUrl, MockWebServer upstream, String body) throws Exception {
        String config = "{\"provider\":\"openai\",\"api_key\":\"sk-tenant\",\"custom_host\":\"" + upstream.url("/v1")
                + "\",\"cache\":{\"mode\":\"simple\",\"max_age\":60}}";
        return http.send(
                HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/chat/completions"))
                        .header("content-type", "application/json")
                        .header("x-portkey-config", config)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String status(HttpResponse<String> response) {
        return response.headers().firstValue("x-portkey-cache-status").orElse("");
    }

    private static GatewayServer serve(String redisUrl) {
        ServerOptions options = ServerOptions.parse(new String[] {"--port", "0", "--redis", redisUrl}, Map.of());
        return Main.serve(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    /** A second gateway in a JVM of its own, started as {@code java -jar} starts it. */
    private static Process otherProcess(String redisUrl) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "--port",
                        "0",
                        "--redis",
                        redisUrl)
                .redirectErrorStream(true)
                .start();
    }

    private static String url(Process process) throws Exception {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "drain-gateway-output");
                drain.setDaemon(true);
                drain.start();
                return listening.group(1);
            }
        }
        throw new AssertionError("the second gateway did not start");
    }

    @Test
    void withoutRedisAnswersAreCachedInThisProcess() throws Exception {
        try (MockWebServer upstream = new MockWebServer();
                GatewayServer server = Main.serve(
                        ServerOptions.parse(new String[] {"--port", "0"}, Map.of()),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            upstream.start();
            upstream.enqueue(answer("once"));

            HttpResponse<String> miss = chat(server.url(), upstream, BODY);
            HttpResponse<String> hit = chat(server.url(), upstream, BODY);

            assertEquals("MISS", status(miss));
            assertEquals("HIT", status(hit));
            assertEquals(1, upstream.getRequestCount());
        }
    }

    @Test
    void twoGatewayProcessesSharingRedisAnswerFromEachOthersEntries() throws Exception {
        try (RedisServer redis = RedisServer.start();
                MockWebServer upstream = new MockWebServer();
                GatewayServer here = serve(redis.url())) {
            upstream.start();
            upstream.enqueue(answer("from-upstream"));
            upstream.enqueue(stream("streamed"));
            Process other = otherProcess(redis.url());
            try {
                String there = url(other);

                HttpResponse<String> miss = chat(here.url(), upstream, BODY);
                HttpResponse<String> hit = chat(there, upstream, BODY);
                HttpResponse<String> streamMiss = chat(there, upstream, STREAM_BODY);
                HttpResponse<String> streamHit = chat(here.url(), upstream, STREAM_BODY);

                assertEquals("MISS", status(miss));
                assertEquals("HIT", status(hit));
                assertEquals(miss.body(), hit.body());
                assertEquals(
                        "config",
                        hit.headers()
                                .firstValue("x-portkey-last-used-option-index")
                                .orElse(""));
                assertEquals("MISS", status(streamMiss));
                assertEquals("HIT", status(streamHit));
                assertEquals(streamMiss.body(), streamHit.body());
                assertTrue(streamHit.body().endsWith("data: [DONE]\n\n"), streamHit.body());
                assertEquals(2, upstream.getRequestCount());
            } finally {
                other.destroy();
                other.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void withRedisStoppedMidwayRequestsAreStillServed() throws Exception {
        try (RedisServer redis = RedisServer.start();
                MockWebServer upstream = new MockWebServer();
                GatewayServer server = serve(redis.url())) {
            AtomicInteger answers = new AtomicInteger();
            upstream.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return answer("answer-" + answers.incrementAndGet());
                }
            });
            upstream.start();

            HttpResponse<String> miss = chat(server.url(), upstream, BODY);
            HttpResponse<String> hit = chat(server.url(), upstream, BODY);
            redis.stop();
            HttpResponse<String> duringOutage = chat(server.url(), upstream, BODY);
            redis.restart();
            HttpResponse<String> afterRestart = untilHit(server, upstream);

            assertEquals("MISS", status(miss));
            assertEquals("HIT", status(hit));
            assertEquals(200, duringOutage.statusCode());
            assertEquals("MISS", status(duringOutage));
            assertTrue(duringOutage.body().contains("answer-2"), duringOutage.body());
            assertEquals(200, afterRestart.statusCode());
            assertTrue(answers.get() >= 3, "the restarted Redis was empty: its entry came from the upstream");
        }
    }

    /**
     * After a restart the Redis state skips Redis for its back-off (a second) before it tries
     * again; until then requests miss. Asks until one is a hit again.
     */
    private HttpResponse<String> untilHit(GatewayServer server, MockWebServer upstream) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = chat(server.url(), upstream, BODY);
            if (status(response).equals("HIT")) {
                return response;
            }
            assertEquals(200, response.statusCode());
            Thread.sleep(100);
        }
        throw new AssertionError("the cache did not come back with Redis");
    }
}
