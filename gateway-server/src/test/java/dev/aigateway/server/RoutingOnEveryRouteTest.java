package dev.aigateway.server;

import static dev.aigateway.server.OpenAiRoutesEndToEndTest.bytes;
import static dev.aigateway.server.OpenAiRoutesEndToEndTest.json;
import static dev.aigateway.server.OpenAiRoutesEndToEndTest.model;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.core.http.HttpResponse;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.BadRequestException;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import com.openai.models.models.ModelListPage;
import dev.aigateway.core.Gateway;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing works on the new routes as on chat: fallback (past a provider that does not serve the
 * route, and on an upstream failure, resending a spooled multipart body), retry, loadbalance,
 * conditional, timeouts, and the {@code x-portkey-*} headers on byte answers.
 */
class RoutingOnEveryRouteTest {
    private final MockWebServer first = new MockWebServer();
    private final MockWebServer second = new MockWebServer();
    private GatewayServer server;

    @BeforeEach
    void start() throws Exception {
        first.start();
        second.start();
        server = GatewayServer.builder()
                .port(0)
                .gateway(Gateway.builder().sleeper(d -> {}).build())
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        first.close();
        second.close();
    }

    private String openAi(MockWebServer upstream) {
        return "{\"provider\":\"openai\",\"api_key\":\"sk-openai\",\"custom_host\":\"" + upstream.url("/v1") + "\"}";
    }

    private String groq(MockWebServer upstream) {
        return "{\"provider\":\"groq\",\"api_key\":\"gsk-groq\",\"custom_host\":\"" + upstream.url("/openai/v1")
                + "\"}";
    }

    private String anthropic(MockWebServer upstream) {
        return "{\"provider\":\"anthropic\",\"api_key\":\"ant-key\",\"custom_host\":\"" + upstream.url("/v1") + "\"}";
    }

    private static String fallback(String... targets) {
        return "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + String.join(",", targets) + "]}";
    }

    private static ImageGenerateParams lighthouse() {
        return ImageGenerateParams.builder()
                .model("gpt-image-1")
                .prompt("a lighthouse")
                .build();
    }

    @Test
    void fallbackPassesOverAProviderThatDoesNotServeTheRoute() throws Exception {
        second.enqueue(json("{\"created\":1,\"data\":[{\"url\":\"https://img.example/1.png\"}]}"));

        HttpResponseFor<ImagesResponse> raw = OpenAiClients.withConfig(
                        server, fallback(anthropic(first), openAi(second)))
                .images()
                .withRawResponse()
                .generate(lighthouse());

        assertEquals(
                "https://img.example/1.png",
                raw.parse().data().orElseThrow().get(0).url().orElseThrow());
        assertEquals("config.targets[1]", OpenAiClients.header(raw, "x-portkey-last-used-option-index"));
        assertEquals("openai", OpenAiClients.header(raw, "x-portkey-provider"));
        assertEquals(0, first.getRequestCount());
    }

    @Test
    void aProviderThatDoesNotServeTheRouteIsA400GatewayException() throws Exception {
        java.net.http.HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/v1/audio/speech"))
                                .header("content-type", "application/json")
                                .header("x-portkey-config", anthropic(first))
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"model\":\"tts-1\",\"input\":\"hi\",\"voice\":\"alloy\"}"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertEquals(400, answer.statusCode());
        assertEquals(
                "{\"status\":\"failure\",\"message\":\"createSpeech is not supported by anthropic\"}", answer.body());
        assertEquals(
                "true",
                answer.headers().firstValue("x-portkey-gateway-exception").orElse(""));
        assertEquals(0, first.getRequestCount());
        BadRequestException error =
                assertThrows(BadRequestException.class, () -> OpenAiClients.withConfig(server, anthropic(first))
                        .images()
                        .generate(lighthouse()));
        assertTrue(error.getMessage().contains("imageGenerate is not supported by anthropic"), error.getMessage());
    }

    @Test
    void aFailedTranscriptionFallsBackAndTheSameFormIsSentAgain() throws Exception {
        byte[] audio = bytes(200_000, 7);
        first.enqueue(new MockResponse.Builder()
                .code(500)
                .body("{\"error\":{\"message\":\"boom\"}}")
                .build());
        second.enqueue(json("{\"text\":\"from groq\"}"));

        String text = OpenAiClients.withConfig(server, fallback(openAi(first), groq(second)))
                .audio()
                .transcriptions()
                .create(TranscriptionCreateParams.builder()
                        .file(audio)
                        .model("whisper-large-v3")
                        .build())
                .asTranscription()
                .text();

        assertEquals("from groq", text);
        RecordedRequest toOpenAi = first.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest toGroq = second.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("/openai/v1/audio/transcriptions", toGroq.getTarget());
        assertEquals("Bearer gsk-groq", toGroq.getHeaders().get("authorization"));
        assertEquals(
                toOpenAi.getHeaders().get("content-type"), toGroq.getHeaders().get("content-type"));
        assertEquals(toOpenAi.getBody(), toGroq.getBody());
        assertArrayEquals(audio, Multipart.of(toGroq).part("file"));
    }

    @Test
    void speechIsRetriedAndItsBytesCarryThePortkeyHeaders() throws Exception {
        byte[] audio = bytes(100_000, 8);
        first.enqueue(new MockResponse.Builder().code(503).body("busy").build());
        first.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "audio/wav")
                .body(new Buffer().write(audio))
                .build());
        String config = "{\"retry\":{\"attempts\":2},\"provider\":\"openai\",\"api_key\":\"sk-openai\","
                + "\"custom_host\":\"" + first.url("/v1") + "\"}";

        try (HttpResponse speech = OpenAiClients.withHeaders(
                                server, Map.of("x-portkey-config", config, "x-portkey-trace-id", "trace-7"))
                        .audio()
                        .speech()
                        .create(SpeechCreateParams.builder()
                                .model("tts-1")
                                .input("Hi")
                                .voice("alloy")
                                .build());
                InputStream in = speech.body()) {
            assertArrayEquals(audio, in.readAllBytes());
            assertEquals("audio/wav", speech.headers().values("content-type").get(0));
            assertEquals(
                    "1",
                    speech.headers().values("x-portkey-retry-attempt-count").get(0));
            assertEquals(
                    "config",
                    speech.headers().values("x-portkey-last-used-option-index").get(0));
            assertEquals("openai", speech.headers().values("x-portkey-provider").get(0));
            assertEquals(
                    "trace-7", speech.headers().values("x-portkey-trace-id").get(0));
        }
        assertEquals(2, first.getRequestCount());
    }

    @Test
    void modelsAreLoadBalancedAndRoutedByCondition() throws Exception {
        second.enqueue(json("{\"object\":\"list\",\"data\":[" + model("from-second") + "]}"));
        second.enqueue(json("{\"object\":\"list\",\"data\":[" + model("from-second") + "]}"));
        String loadbalance = "{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":["
                + openAi(first).replace("}", ",\"weight\":0}") + ","
                + openAi(second).replace("}", ",\"weight\":1}")
                + "]}";
        String conditional = "{\"strategy\":{\"mode\":\"conditional\",\"conditions\":["
                + "{\"query\":{\"url.pathname\":{\"$eq\":\"/v1/models\"}},\"then\":\"lists\"}],\"default\":\"other\"},"
                + "\"targets\":[" + openAi(first).replace("{", "{\"name\":\"other\",") + ","
                + openAi(second).replace("{", "{\"name\":\"lists\",") + "]}";

        ModelListPage balanced =
                OpenAiClients.withConfig(server, loadbalance).models().list();
        ModelListPage routed =
                OpenAiClients.withConfig(server, conditional).models().list();

        assertEquals("from-second", balanced.data().get(0).id());
        assertEquals("from-second", routed.data().get(0).id());
        assertEquals(0, first.getRequestCount());
        assertEquals(2, second.getRequestCount());
    }

    @Test
    void aFileDownloadThatDoesNotStartInTimeIs408() throws Exception {
        first.enqueue(new MockResponse.Builder()
                .code(200)
                .headersDelay(5, TimeUnit.SECONDS)
                .body("late")
                .build());
        String config = "{\"request_timeout\":300,\"provider\":\"openai\",\"api_key\":\"sk-openai\","
                + "\"custom_host\":\"" + first.url("/v1") + "\"}";

        long start = System.nanoTime();
        java.net.http.HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/v1/files/file-1/content"))
                                .header("x-portkey-config", config)
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertEquals(408, answer.statusCode());
        assertTrue(answer.body().contains("\"type\":\"timeout_error\""), answer.body());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(4)) < 0);
    }

    @Test
    void aRouteWithoutAProviderIsA400() throws Exception {
        java.net.http.HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/v1/models"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertEquals(400, answer.statusCode());
        assertTrue(answer.body().startsWith("{\"status\":\"failure\",\"message\":"), answer.body());
        assertNull(first.takeRequest(100, TimeUnit.MILLISECONDS));
    }
}
