package dev.aigateway.core.pipeline;

import static dev.aigateway.core.testing.OpenAiFakes.CHAT_BODY;
import static dev.aigateway.core.testing.OpenAiFakes.error;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.testing.TestGateway;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetryTest {
    private final MockWebServer server = new MockWebServer();
    private final TestGateway test = new TestGateway();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        test.close();
        server.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    private String config(String retry) {
        return "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + server.url("/v1") + "\",\"retry\":"
                + retry + "}";
    }

    @Test
    void retriesWithExponentialBackoffUntilSuccess() throws Exception {
        server.enqueue(error(500, "one"));
        server.enqueue(error(502, "two"));
        server.enqueue(ok("third"));

        GatewayResponse response = test.chat(config("{\"attempts\":3}"), CHAT_BODY);

        assertEquals(200, response.status());
        assertEquals("2", response.headers().value("x-portkey-retry-attempt-count"));
        assertEquals(3, server.getRequestCount());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), test.sleeper.delays());
    }

    @Test
    void exhaustedRetriesReportMinusOneAndTheLastAnswer() throws Exception {
        for (int i = 0; i < 4; i++) {
            server.enqueue(error(503, "down " + i));
        }

        GatewayResponse response = test.chat(config("{\"attempts\":3}"), CHAT_BODY);

        assertEquals(503, response.status());
        assertEquals("-1", response.headers().value("x-portkey-retry-attempt-count"));
        assertEquals("false", response.headers().value("x-should-retry"));
        assertEquals(
                "openai error: down 3",
                TestGateway.json(response).at("/error/message").asText());
        assertEquals(4, server.getRequestCount());
        assertEquals(
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), test.sleeper.delays());
    }

    @Test
    void statusesOutsideTheListAreNotRetried() throws Exception {
        server.enqueue(error(400, "bad"));

        GatewayResponse response = test.chat(config("{\"attempts\":3}"), CHAT_BODY);

        assertEquals(400, response.status());
        assertEquals("0", response.headers().value("x-portkey-retry-attempt-count"));
        assertEquals(null, response.headers().value("x-should-retry"));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void onStatusCodesReplacesTheDefaults() throws Exception {
        server.enqueue(error(400, "bad"));
        server.enqueue(ok("fine"));
        server.enqueue(error(500, "not listed"));

        GatewayResponse retried = test.chat(config("{\"attempts\":2,\"on_status_codes\":[400]}"), CHAT_BODY);
        GatewayResponse notRetried = test.chat(config("{\"attempts\":2,\"on_status_codes\":[400]}"), CHAT_BODY);

        assertEquals(200, retried.status());
        assertEquals("1", retried.headers().value("x-portkey-retry-attempt-count"));
        assertEquals(500, notRetried.status());
        assertEquals("0", notRetried.headers().value("x-portkey-retry-attempt-count"));
    }

    @Test
    void attemptsAboveFiveAreLoweredToFive() throws Exception {
        for (int i = 0; i < 7; i++) {
            server.enqueue(error(500, "down"));
        }

        test.chat(config("{\"attempts\":10}"), CHAT_BODY);

        assertEquals(6, server.getRequestCount());
        assertEquals(
                List.of(1L, 2L, 4L, 8L, 16L),
                test.sleeper.delays().stream().map(Duration::toSeconds).toList());
    }

    @Test
    void retryAfterHeadersReplaceTheBackoffOn429() throws Exception {
        server.enqueue(new MockResponse.Builder(error(429, "slow"))
                .addHeader("retry-after-ms", "1500")
                .build());
        server.enqueue(new MockResponse.Builder(error(429, "slow"))
                .addHeader("x-ms-retry-after-ms", "250")
                .build());
        server.enqueue(new MockResponse.Builder(error(429, "slow"))
                .addHeader("retry-after", "3")
                .build());
        server.enqueue(ok("done"));

        GatewayResponse response = test.chat(config("{\"attempts\":3,\"use_retry_after_header\":true}"), CHAT_BODY);

        assertEquals(200, response.status());
        assertEquals("3", response.headers().value("x-portkey-retry-attempt-count"));
        assertEquals(
                List.of(Duration.ofMillis(1500), Duration.ofMillis(250), Duration.ofSeconds(3)), test.sleeper.delays());
    }

    @Test
    void aRetryAfterBeyondTheBudgetStopsAtOnce() throws Exception {
        server.enqueue(new MockResponse.Builder(error(429, "slow"))
                .addHeader("retry-after", "60")
                .build());

        GatewayResponse response = test.chat(config("{\"attempts\":3,\"use_retry_after_header\":true}"), CHAT_BODY);

        assertEquals(429, response.status());
        assertEquals("-1", response.headers().value("x-portkey-retry-attempt-count"));
        assertEquals(1, server.getRequestCount());
        assertEquals(List.of(), test.sleeper.delays());
    }

    @Test
    void theRetryAfterBudgetIsSharedAcrossRetries() throws Exception {
        server.enqueue(new MockResponse.Builder(error(429, "slow"))
                .addHeader("retry-after", "40")
                .build());
        server.enqueue(new MockResponse.Builder(error(429, "slow"))
                .addHeader("retry-after", "30")
                .build());

        GatewayResponse response = test.chat(config("{\"attempts\":3,\"use_retry_after_header\":true}"), CHAT_BODY);

        assertEquals(429, response.status());
        assertEquals("-1", response.headers().value("x-portkey-retry-attempt-count"));
        assertEquals(List.of(Duration.ofSeconds(40)), test.sleeper.delays());
    }

    @Test
    void retryAfterMayBeFractionalSecondsOrAnHttpDate() throws Exception {
        // TestGateway's clock stands at 1_700_000_000 s: Tue, 14 Nov 2023 22:13:20 GMT.
        server.enqueue(new MockResponse.Builder(error(429, "slow"))
                .addHeader("retry-after", "1.5")
                .build());
        server.enqueue(new MockResponse.Builder(error(429, "slow"))
                .addHeader("retry-after", "Tue, 14 Nov 2023 22:13:25 GMT")
                .build());
        server.enqueue(ok("done"));

        GatewayResponse response = test.chat(config("{\"attempts\":2,\"use_retry_after_header\":true}"), CHAT_BODY);

        assertEquals(200, response.status());
        assertEquals(List.of(Duration.ofMillis(1500), Duration.ofSeconds(5)), test.sleeper.delays());
    }

    @Test
    void retryAfterOnlyCountsOn429AndLaterRetriesBackOffAsUsual() throws Exception {
        server.enqueue(new MockResponse.Builder(error(503, "busy"))
                .addHeader("retry-after", "30")
                .build());
        server.enqueue(new MockResponse.Builder(error(429, "slow"))
                .addHeader("retry-after-ms", "300")
                .build());
        server.enqueue(error(500, "no header"));
        server.enqueue(ok("done"));

        GatewayResponse response = test.chat(config("{\"attempts\":3,\"use_retry_after_header\":true}"), CHAT_BODY);

        assertEquals(200, response.status());
        assertEquals("3", response.headers().value("x-portkey-retry-attempt-count"));
        assertEquals(
                List.of(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofSeconds(4)), test.sleeper.delays());
    }

    @Test
    void withoutTheFlagRetryAfterIsIgnored() throws Exception {
        server.enqueue(new MockResponse.Builder(error(429, "slow"))
                .addHeader("retry-after", "30")
                .build());
        server.enqueue(ok("done"));

        test.chat(config("{\"attempts\":1}"), CHAT_BODY);

        assertEquals(List.of(Duration.ofSeconds(1)), test.sleeper.delays());
    }

    @Test
    void networkFailuresAreRetriedWhateverTheStatusList() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String config = "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"http://127.0.0.1:" + closedPort
                + "/v1\",\"retry\":{\"attempts\":2,\"on_status_codes\":[429]}}";

        GatewayResponse response = test.chat(config, CHAT_BODY);

        assertEquals(502, response.status());
        assertEquals("-1", response.headers().value("x-portkey-retry-attempt-count"));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), test.sleeper.delays());
    }

    @Test
    void retryIsInheritedAndReplacedDownTheTree() throws Exception {
        server.enqueue(error(500, "a"));
        server.enqueue(error(500, "b"));
        String leaf = "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + server.url("/v1")
                + "\",\"retry\":{\"attempts\":1}}";
        String config = "{\"retry\":{\"attempts\":4},\"strategy\":{\"mode\":\"single\"},\"targets\":[" + leaf + "]}";

        GatewayResponse response = test.chat(config, CHAT_BODY);

        assertEquals("-1", response.headers().value("x-portkey-retry-attempt-count"));
        assertEquals(2, server.getRequestCount(), "the child's retry replaces the parent's");
    }
}
