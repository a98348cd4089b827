package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.aigateway.core.Gateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A full request pool (JDK 17's platform threads) answers 503 in Portkey's failure shape. */
class OverloadTest {
    @Test
    void aRequestPastTheThreadLimitGetsA503JsonError() throws Exception {
        assumeFalse(GatewayServer.usesVirtualThreads(), "virtual threads have no limit to reach");
        CountDownLatch upstreamEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Gateway gateway = Gateway.builder()
                .upstream(request -> {
                    upstreamEntered.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IOException("released");
                })
                .build();
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (GatewayServer server = GatewayServer.builder()
                .port(0)
                .maxThreads(1)
                .gateway(gateway)
                .build()
                .start()) {
            HttpRequest chat = HttpRequest.newBuilder(URI.create(server.url() + "/v1/chat/completions"))
                    .header("content-type", "application/json")
                    .header("x-portkey-provider", "openai")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"messages\":[]}"))
                    .build();
            CompletableFuture<HttpResponse<String>> first = http.sendAsync(chat, HttpResponse.BodyHandlers.ofString());
            upstreamEntered.await(10, TimeUnit.SECONDS);

            HttpResponse<String> second = http.send(chat, HttpResponse.BodyHandlers.ofString());

            assertEquals(503, second.statusCode());
            assertEquals(
                    "{\"status\":\"failure\",\"message\":\"The gateway is overloaded; try again shortly\"}",
                    second.body());
            release.countDown();
            assertEquals(502, first.get(10, TimeUnit.SECONDS).statusCode());
        } finally {
            release.countDown();
        }
    }
}
