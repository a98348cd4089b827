package dev.aigateway.core.security;

import static dev.aigateway.core.security.InjectionFixture.CHAT_BODY;
import static dev.aigateway.core.security.InjectionFixture.INJECTED;
import static dev.aigateway.core.security.InjectionFixture.assertRefused;
import static dev.aigateway.core.security.InjectionFixture.fallback;
import static dev.aigateway.core.security.InjectionFixture.leaf;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.testing.TestGateway;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forwarded headers ({@code forward_headers}, {@code x-portkey-forward-headers}): a value with a
 * control or non-ASCII character is a 400 naming the header; a name that is not an HTTP token, or
 * one the upstream client owns ({@code host}, {@code content-length}, ...), is a 400 naming it.
 */
class ForwardedHeaderInjectionTest {
    private final MockWebServer server = new MockWebServer();
    private final TestGateway test = new TestGateway();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    private GatewayResponse forwardByConfig(String name, String value) {
        ObjectNode leaf = leaf(server, "openai").put("api_key", "sk-1");
        leaf.putArray("forward_headers").add(name);
        return test.gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .config(fallback(leaf))
                .header(name, value)
                .body(CHAT_BODY)
                .build());
    }

    private GatewayResponse forwardByHeader(String names, String name, String value) {
        return test.gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .config(Json.text(leaf(server, "openai").put("api_key", "sk-1")))
                .header("x-portkey-forward-headers", names)
                .header(name, value)
                .body(CHAT_BODY)
                .build());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {INJECTED, "a\nb", "a\u0000b", "caf\u00e9", "\u2028"})
    void aForwardedValueWithControlOrNonAsciiCharactersIsRefused(String value) throws Exception {
        assertRefused(forwardByConfig("x-trace", value), "x-trace", server);
        assertRefused(forwardByHeader("x-trace", "x-trace", value), "x-trace", server);
    }

    @Test
    void aForwardedAuthorizationHeaderIsCheckedToo() throws Exception {
        assertRefused(forwardByConfig("authorization", "Bearer " + INJECTED), "authorization", server);
    }

    @Test
    void cleanForwardedHeadersStillReachTheUpstream() throws Exception {
        server.enqueue(ok("a"));
        server.enqueue(ok("b"));

        assertEquals(200, forwardByConfig("x-trace", "t-1").status());
        assertEquals(
                200, forwardByHeader("x-trace, x-tenant", "x-tenant", "acme").status());

        RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("t-1", first.getHeaders().get("x-trace"));
        RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("acme", second.getHeaders().get("x-tenant"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x trace", "x:trace", "x\r\ntrace", "x(trace)", "caf\u00e9", "x/trace", "x@trace"})
    void aForwardedNameThatIsNotAnHttpTokenIsRefused(String name) throws Exception {
        ObjectNode leaf = leaf(server, "openai").put("api_key", "sk-1");
        leaf.putArray("forward_headers").add("x-ok").add(name);

        assertRefused(test.chat(fallback(leaf), CHAT_BODY), "targets[0].forward_headers[1]", server);
        assertRefused(forwardByHeader("x-ok," + name, "x-ok", "1"), "x-portkey-forward-headers", server);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "host",
                "Content-Length",
                "transfer-encoding",
                "connection",
                "keep-alive",
                "proxy-connection",
                "proxy-authorization",
                "te",
                "trailer",
                "upgrade",
                "expect",
                "accept-encoding",
                "content-encoding"
            })
    void headersTheUpstreamClientOwnsAreNeverForwarded(String name) throws Exception {
        ObjectNode leaf = leaf(server, "openai").put("api_key", "sk-1");
        leaf.putArray("forward_headers").add(name);

        assertRefused(test.chat(fallback(leaf), CHAT_BODY), "targets[0].forward_headers[0]", server);
        GatewayResponse byHeader = forwardByHeader(name, name, "1");
        assertRefused(byHeader, "x-portkey-forward-headers", server);
        assertRefused(byHeader, name.toLowerCase(java.util.Locale.ROOT), server);
    }
}
