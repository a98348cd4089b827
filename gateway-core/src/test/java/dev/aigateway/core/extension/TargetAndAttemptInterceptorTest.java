package dev.aigateway.core.extension;

import static dev.aigateway.core.testing.OpenAiFakes.CHAT_BODY;
import static dev.aigateway.core.testing.OpenAiFakes.error;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.pipeline.LeafResponse;
import dev.aigateway.core.testing.TestGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Target interceptors run once per target tried, attempt interceptors once per try. */
class TargetAndAttemptInterceptorTest {
    private final MockWebServer first = new MockWebServer();
    private final MockWebServer second = new MockWebServer();
    private final List<String> targets = new ArrayList<>();
    private final List<String> attempts = new ArrayList<>();
    private final TestGateway test = TestGateway.with(builder -> builder.addTargetInterceptor(chain -> {
                targets.add(chain.request().path().value());
                return chain.proceed(chain.request());
            })
            .addAttemptInterceptor(chain -> {
                attempts.add(chain.request().path() + "#" + chain.request().attempt());
                return chain.proceed(chain.request());
            }));

    @BeforeEach
    void start() throws Exception {
        first.start();
        second.start();
    }

    @AfterEach
    void stop() {
        test.close();
        first.close();
        second.close();
    }

    @Test
    void anAttemptInterceptorSeesEveryRetryOfAFallbacksFirstTarget() throws Exception {
        first.enqueue(error(500, "down"));
        first.enqueue(error(500, "down"));
        first.enqueue(error(500, "down"));
        second.enqueue(ok("from-second"));
        String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + "{\"provider\":\"openai\",\"api_key\":\"k1\",\"custom_host\":\"" + first.url("/v1")
                + "\",\"retry\":{\"attempts\":2,\"on_status_codes\":[500]}},"
                + "{\"provider\":\"openai\",\"api_key\":\"k2\",\"custom_host\":\"" + second.url("/v1") + "\"}]}";

        GatewayResponse response = test.chat(config, CHAT_BODY);

        assertEquals(200, response.status());
        assertEquals(
                List.of("config.targets[0]#0", "config.targets[0]#1", "config.targets[0]#2", "config.targets[1]#0"),
                attempts);
        assertEquals(List.of("config.targets[0]", "config.targets[1]"), targets);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), test.sleeper.delays());
    }

    @Test
    void aTargetInterceptorMayAnswerForItsTarget() throws Exception {
        second.enqueue(ok("from-second"));
        try (TestGateway shortCircuit = TestGateway.with(builder -> builder.addTargetInterceptor(chain -> {
            if (chain.request().path().value().equals("config.targets[0]")) {
                return LeafResponse.of(new GatewayResponse.Complete(
                        503,
                        dev.aigateway.core.http.Headers.of("content-type", "application/json"),
                        "{\"error\":{\"message\":\"open circuit\"}}"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            return chain.proceed(chain.request());
        }))) {
            String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                    + "{\"provider\":\"openai\",\"api_key\":\"k1\",\"custom_host\":\"" + first.url("/v1") + "\"},"
                    + "{\"provider\":\"openai\",\"api_key\":\"k2\",\"custom_host\":\"" + second.url("/v1") + "\"}]}";

            GatewayResponse response = shortCircuit.chat(config, CHAT_BODY);

            assertEquals(200, response.status());
            assertEquals("config.targets[1]", response.headers().value("x-portkey-last-used-option-index"));
            assertEquals(0, first.getRequestCount(), "the first target was answered for");
        }
    }
}
