package dev.aigateway.server;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.ErrorBodies;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.stream.SseWriter;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** Writes gateway answers to Undertow exchanges. */
final class Responses {
    private Responses() {}

    /**
     * Writes a complete, streaming or binary answer; must run off the IO thread for streams and
     * bytes. {@code
     * beforeWriting} runs first, on the thread that writes: the IO thread for a complete answer.
     */
    static void write(HttpServerExchange exchange, GatewayResponse response, Runnable beforeWriting) {
        exchange.setStatusCode(response.status());
        HeaderMap headers = exchange.getResponseHeaders();
        response.headers().forEach((name, value) -> headers.add(HttpString.tryFromString(name), value));
        if (response instanceof GatewayResponse.Complete complete) {
            send(exchange, ByteBuffer.wrap(complete.body()), beforeWriting);
        } else if (response instanceof GatewayResponse.Streaming streaming) {
            beforeWriting.run();
            stream(exchange, streaming);
        } else if (response instanceof GatewayResponse.Binary binary) {
            beforeWriting.run();
            bytes(exchange, binary);
        }
    }

    /**
     * Passes bytes through on the request thread. When either side fails midway the connection is
     * cut without ending the chunked body, so that the client cannot take a cut body for a whole
     * one.
     */
    private static void bytes(HttpServerExchange exchange, GatewayResponse.Binary binary) {
        exchange.startBlocking();
        OutputStream out = exchange.getOutputStream();
        try {
            binary.body().writeTo(out);
            out.close();
        } catch (IOException e) {
            binary.discard();
            org.xnio.IoUtils.safeClose(exchange.getConnection());
        }
    }

    private static void stream(HttpServerExchange exchange, GatewayResponse.Streaming streaming) {
        exchange.startBlocking();
        try (OutputStream out = exchange.getOutputStream()) {
            streaming.events().writeTo(new SseWriter(out));
        } catch (IOException e) {
            // The client went away; the upstream call was cancelled by writeTo.
            streaming.discard();
            org.xnio.IoUtils.safeClose(exchange.getConnection());
        }
    }

    /**
     * Sends a whole body from the connection's IO thread. An exchange that completes on another
     * thread re-arms the connection for its next request from that thread, and meanwhile Undertow's
     * IO thread busy-waits on the connection's state if the next request has already arrived: with
     * keep-alive clients that is most requests, and on a busy machine a preempted request thread
     * made the IO thread spin for whole time slices.
     */
    private static void send(HttpServerExchange exchange, ByteBuffer body, Runnable beforeWriting) {
        Runnable send = () -> {
            beforeWriting.run();
            exchange.getResponseSender().send(body);
        };
        if (exchange.isInIoThread()) {
            send.run();
        } else {
            exchange.getIoThread().execute(send);
        }
    }

    /**
     * An error in OpenAI's envelope, {@code {"error":{message,type:"invalid_request_error",param,
     * code}}}: for what a server says about a request before the gateway sees it (a body too large),
     * which OpenAI's SDKs then raise with the message.
     */
    static void openAiError(HttpServerExchange exchange, int status, String message, String code) {
        json(
                exchange,
                status,
                Json.bytes(ErrorBodies.openAi(
                        message,
                        "invalid_request_error",
                        null,
                        com.fasterxml.jackson.databind.node.TextNode.valueOf(code),
                        null)));
    }

    /** Portkey's gateway failure body with {@code status}. */
    static void failure(HttpServerExchange exchange, int status, String message) {
        json(exchange, status, Json.bytes(ErrorBodies.failure(message)));
    }

    static void json(HttpServerExchange exchange, int status, byte[] body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(io.undertow.util.Headers.CONTENT_TYPE, "application/json");
        send(exchange, ByteBuffer.wrap(body), () -> {});
    }
}
