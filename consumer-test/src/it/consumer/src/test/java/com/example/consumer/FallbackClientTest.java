package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aigateway.client.PortkeyConfig;
import dev.aigateway.core.GatewayResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The installed jars compile, load and work together in a project of the user's own. */
class FallbackClientTest {
    private static final String VERSION = System.getProperty("aigateway.version");

    private HttpServer openAi;
    private String baseUrl;

    /** An OpenAI stand-in on loopback: 401 for any key but {@code sk-good}, else one completion. */
    @BeforeEach
    void startFakeOpenAi() throws IOException {
        openAi = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        openAi.createContext("/v1/chat/completions", FallbackClientTest::answer);
        openAi.start();
        baseUrl = "http://127.0.0.1:" + openAi.getAddress().getPort() + "/v1";
    }

    @AfterEach
    void stop() {
        openAi.stop(0);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        boolean good = "Bearer sk-good".equals(exchange.getRequestHeaders().getFirst("authorization"));
        String body = good
                ? "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello from the"
                        + " consumer test\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":5,\"total_tokens\":6}}"
                : "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\","
                        + "\"param\":null,\"code\":\"invalid_api_key\"}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(good ? 200 : 401, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void theEmbeddedGatewayFallsBackToTheSecondTarget() {
        PortkeyConfig config = FallbackClient.fallback(baseUrl, "sk-wrong", "sk-good");

        GatewayResponse response = new FallbackClient().ask(config, "Hello?");

        GatewayResponse.Complete complete = (GatewayResponse.Complete) response;
        assertEquals(200, complete.status(), complete.bodyText());
        assertTrue(complete.bodyText().contains("Hello from the consumer test"), complete.bodyText());
        assertEquals(
                "config.targets[1]",
                response.headers().first("x-portkey-last-used-option-index").orElseThrow());
    }

    @Test
    void createHeadersCarriesTheConfigAsJson() {
        PortkeyConfig config = FallbackClient.fallback(baseUrl, "sk-wrong", "sk-good");

        Map<String, String> headers = FallbackClient.headers(config);

        assertEquals(config.toJson(), headers.get("x-portkey-config"));
        assertEquals("consumer-1", headers.get("x-portkey-trace-id"));
    }

    /** IDEs and build tools find the sources and Javadoc next to each jar. */
    @Test
    void sourcesAndJavadocJarsAreInstalled() throws IOException {
        Path repository = Path.of(System.getProperty("consumer.localRepository"), "dev", "aigateway");
        for (String library : new String[] {"portkey-client", "gateway-core"}) {
            Path folder = repository.resolve(library).resolve(VERSION);
            for (String classifier : new String[] {"sources", "javadoc"}) {
                Path jar = folder.resolve(library + "-" + VERSION + "-" + classifier + ".jar");
                assertTrue(Files.size(jar) > 10_000, jar + " is missing or empty");
            }
        }
        assertTrue(Files.isRegularFile(repository.resolve("aigateway-bom").resolve(VERSION)
                .resolve("aigateway-bom-" + VERSION + ".pom")));
    }
}
