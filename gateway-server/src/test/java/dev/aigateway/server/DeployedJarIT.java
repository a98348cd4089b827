package dev.aigateway.server;

import static dev.aigateway.server.ConfigFileFixture.METERED_KEY;
import static dev.aigateway.server.ConfigFileFixture.TEAM_A_KEY;
import static dev.aigateway.server.ConfigFileFixture.TEAM_B_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import dev.aigateway.core.internal.Json;
import dev.aigateway.redis.testing.RedisServer;
import dev.aigateway.server.fakes.FakeGemini;
import dev.aigateway.server.fakes.FakeOpenAi;
import dev.aigateway.server.fakes.GatedStreamUpstream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment as an operator runs it: {@code java -jar gateway-server.jar --config gateway.yaml}
 * in fresh JVMs, with keys in the environment, against fake upstreams on loopback.
 */
class DeployedJarIT {
    private static final String CHAT =
            "{\"model\":\"gemini-2.0-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @TempDir
    Path directory;

    private ConfigFileFixture fixture;
    private final List<GatewayProcess> gateways = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        GatewayProcess.jar();
        fixture = ConfigFileFixture.start(directory);
    }

    @AfterEach
    void stop() {
        gateways.forEach(GatewayProcess::close);
        if (fixture != null) {
            fixture.close();
        }
    }

    private GatewayProcess run(Map<String, String> env, String... args) throws InterruptedException {
        List<String> all = new ArrayList<>(List.of("--config", fixture.file().toString()));
        all.addAll(List.of(args));
        GatewayProcess gateway = GatewayProcess.start(
                directory.resolve("gateway-" + gateways.size() + ".log"), env, all.toArray(String[]::new));
        gateways.add(gateway);
        return gateway.awaitListening();
    }

    @Test
    void theJarServesKeysNamedConfigsLimitsAndProbesFromTheFile() throws Exception {
        GatewayProcess gateway = run(fixture.env());
        OpenAIClient plain = OpenAIOkHttpClient.builder()
                .baseUrl(gateway.url() + "/v1")
                .apiKey(TEAM_A_KEY)
                .maxRetries(0)
                .build();

        // A plain OpenAI client, a base URL and a gateway key: the default fallback config.
        HttpResponseFor<ChatCompletion> first =
                plain.chat().completions().withRawResponse().create(OpenAiClients.sayHello("gemini-2.0-flash"));
        assertEquals(
                FakeGemini.ANSWER,
                first.parse().choices().get(0).message().content().orElseThrow());
        fixture.fakeGemini.failWith(new MockResponse.Builder().code(503).build());
        HttpResponseFor<ChatCompletion> fallback =
                plain.chat().completions().withRawResponse().create(OpenAiClients.sayHello("gemini-2.0-flash"));
        assertEquals(
                FakeOpenAi.ANSWER,
                fallback.parse().choices().get(0).message().content().orElseThrow());
        assertEquals(List.of("config.targets[1]"), fallback.headers().values("x-portkey-last-used-option-index"));

        // A named config by header, and as a model alias.
        HttpResponse<String> named =
                post(gateway, Map.of("authorization", "Bearer " + TEAM_A_KEY, "x-portkey-config", "cheap"));
        assertEquals("gpt-4o-mini", Json.parse(named.body()).path("model").asText(), named.body());
        assertEquals(
                "gpt-4o-mini",
                plain.chat()
                        .completions()
                        .create(OpenAiClients.sayHello("cheap"))
                        .model());

        // 401 without a key, 403 for a config the key may not use.
        assertEquals(401, post(gateway, Map.of()).statusCode());
        HttpResponse<String> forbidden =
                post(gateway, Map.of("authorization", "Bearer " + TEAM_B_KEY, "x-portkey-config", "default"));
        assertEquals(403, forbidden.statusCode());
        assertEquals(
                "config_not_allowed",
                Json.parse(forbidden.body()).at("/error/code").asText());

        // Per-key limit, counted in memory: 429 with retry-after.
        Map<String, String> metered = Map.of("authorization", "Bearer " + METERED_KEY, "x-portkey-config", "cheap");
        assertEquals(200, post(gateway, metered).statusCode());
        assertEquals(200, post(gateway, metered).statusCode());
        HttpResponse<String> limited = post(gateway, metered);
        assertEquals(429, limited.statusCode());
        assertTrue(limited.headers().firstValue("retry-after").isPresent());

        // Probes, without a key; the aliases a key may use.
        assertEquals("{\"status\":\"ok\"}", get(gateway, "/health", Map.of()).body());
        assertEquals("{\"status\":\"ready\"}", get(gateway, "/ready", Map.of()).body());
        assertTrue(get(gateway, "/v1/models", Map.of("authorization", "Bearer " + TEAM_B_KEY))
                .body()
                .contains("\"id\":\"cheap\""));
        assertFalse(gateway.output().contains(TEAM_A_KEY), "keys are never logged");
        assertFalse(gateway.output().contains(ConfigFileFixture.OPENAI_KEY));
    }

    @Test
    void aMissingVariableStopsTheStartWithItsNameAndLine() throws Exception {
        Map<String, String> env = fixture.env();
        env.remove("TEAM_A_KEY");
        GatewayProcess gateway = GatewayProcess.start(
                directory.resolve("missing.log"),
                env,
                "--config",
                fixture.file().toString());
        gateways.add(gateway);

        assertEquals(2, gateway.awaitExit(30));
        assertTrue(
                gateway.output()
                        .startsWith("error: gateway.yaml:6: auth.keys[0].key: the environment variable TEAM_A_KEY is"
                                + " not set"),
                gateway.output());
        assertFalse(gateway.output().contains("listening"));
    }

    @Test
    void sighupReloadsAGoodFileAndRefusesABadOne() throws Exception {
        GatewayProcess gateway = run(fixture.env());
        Map<String, String> cheap = Map.of("authorization", "Bearer " + TEAM_A_KEY, "x-portkey-config", "cheap");

        fixture.write("gpt-4.1-mini", "");
        gateway.signal("HUP");
        assertTrue(gateway.awaitOutput("reloaded ", 20), gateway.output());
        assertEquals(
                "gpt-4.1-mini",
                Json.parse(post(gateway, cheap).body()).path("model").asText());

        fixture.write("gpt-4.1-nano", "  broken: {provider: openai, retry: {attempts: lots}}\n");
        gateway.signal("HUP");
        assertTrue(gateway.awaitOutput("error: gateway.yaml:30: configs.broken.retry.attempts:", 20), gateway.output());
        assertEquals(
                "gpt-4.1-mini",
                Json.parse(post(gateway, cheap).body()).path("model").asText());
        assertTrue(gateway.isAlive());
    }

    @Test
    void twoGatewayProcessesShareTheLimitThroughRedis() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            GatewayProcess first = run(fixture.env(), "--redis", redis.url());
            GatewayProcess second = run(fixture.env(), "--redis", redis.url());
            Map<String, String> metered = Map.of("authorization", "Bearer " + METERED_KEY, "x-portkey-config", "cheap");

            assertEquals(200, post(first, metered).statusCode());
            assertEquals(200, post(second, metered).statusCode());
            assertEquals(429, post(first, metered).statusCode());
            assertEquals(429, post(second, metered).statusCode());
        }
    }

    @Test
    void aStreamInFlightCompletesAcrossSigtermAndTheProcessExits0() throws Exception {
        CountDownLatch rest = new CountDownLatch(1);
        try (MockWebServer upstream = new MockWebServer()) {
            upstream.enqueue(new MockResponse.Builder()
                    .addHeader("content-type", "text/event-stream")
                    .body(new GatedBody(rest))
                    .build());
            upstream.start();
            GatewayProcess gateway = run(fixture.env());
            OkHttpClient client = new OkHttpClient.Builder()
                    .readTimeout(Duration.ofSeconds(30))
                    .build();
            String config =
                    "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + upstream.url("/v1") + "\"}";
            try (Response response = client.newCall(new Request.Builder()
                            .url(gateway.url() + "/v1/chat/completions")
                            .header("authorization", "Bearer " + TEAM_A_KEY)
                            .header("x-portkey-config", config)
                            .post(RequestBody.create(
                                    "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[]}",
                                    MediaType.get("application/json")))
                            .build())
                    .execute()) {
                Iterator<String> lines = new BufferedReader(
                                new InputStreamReader(response.body().byteStream(), StandardCharsets.UTF_8))
                        .lines()
                        .filter(line -> line.startsWith("data: "))
                        .iterator();
                assertTrue(lines.next().contains("\"Hel\""));

                gateway.signal("TERM");
                awaitRefused(gateway.port());
                rest.countDown();

                assertTrue(lines.next().contains("\"lo\""));
                assertEquals("data: [DONE]", lines.next());
            } finally {
                client.dispatcher().executorService().shutdown();
                client.connectionPool().evictAll();
            }
            assertEquals(0, gateway.awaitExit(30), gateway.output());
        }
    }

    /** Waits until the port refuses connections: the gateway stopped accepting. */
    private static void awaitRefused(int port) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try {
                new Socket("127.0.0.1", port).close();
                Thread.sleep(25);
            } catch (ConnectException e) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(25);
            }
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "stopped accepting");
    }

    /** A stream that sends "Hel", waits for the test, then "lo" and [DONE]; its length is known. */
    private record GatedBody(CountDownLatch rest) implements MockResponseBody {
        private static final String FIRST = "data: " + GatedStreamUpstream.chunk("Hel") + "\n\n";
        private static final String REST = "data: " + GatedStreamUpstream.chunk("lo") + "\n\ndata: [DONE]\n\n";

        @Override
        public long getContentLength() {
            return (FIRST + REST).getBytes(StandardCharsets.UTF_8).length;
        }

        @Override
        public void writeTo(BufferedSink sink) throws java.io.IOException {
            sink.writeUtf8(FIRST);
            sink.flush();
            try {
                rest.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sink.writeUtf8(REST);
            sink.flush();
        }
    }

    private HttpResponse<String> post(GatewayProcess gateway, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(GatewayProcess gateway, String path, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
