package dev.aigateway.examples;

import dev.aigateway.core.Gateway;
import dev.aigateway.examples.fakes.FakeProviders;
import dev.aigateway.server.GatewayServer;
import java.io.PrintStream;
import java.util.Optional;

/**
 * Everything an offline demo needs: the fake Gemini and fake OpenAI on loopback, and a gateway,
 * either started in-process on a free port or a running one given by URL. The fakes listen on
 * {@code 127.0.0.1}, which the gateway trusts as a custom host, so a gateway on the same machine
 * reaches them too.
 */
public final class DemoStack implements AutoCloseable {
    private final FakeProviders fakes;
    private final Optional<GatewayServer> server;
    private final String gatewayUrl;

    private DemoStack(FakeProviders fakes, Optional<GatewayServer> server, String gatewayUrl) {
        this.fakes = fakes;
        this.server = server;
        this.gatewayUrl = gatewayUrl;
    }

    /** Starts the fakes and, unless {@code options} name a gateway, an in-process one. */
    public static DemoStack start(DemoOptions options) {
        return options.gatewayUrl().map(DemoStack::withGateway).orElseGet(() -> start(Gateway.create()));
    }

    /**
     * Starts the fakes and {@code gateway} behind an in-process server on a free port; closing the
     * stack closes the server, which closes {@code gateway}.
     */
    public static DemoStack start(Gateway gateway) {
        FakeProviders fakes = FakeProviders.start();
        try {
            GatewayServer server =
                    GatewayServer.builder().port(0).gateway(gateway).build().start();
            return new DemoStack(fakes, Optional.of(server), server.url() + "/v1");
        } catch (RuntimeException e) {
            fakes.close();
            throw e;
        }
    }

    /** Starts the fakes only; requests go to the gateway at {@code gatewayUrl}. */
    public static DemoStack withGateway(String gatewayUrl) {
        return new DemoStack(FakeProviders.start(), Optional.empty(), gatewayUrl);
    }

    public FakeProviders fakes() {
        return fakes;
    }

    /** The gateway's OpenAI base URL, {@code http://host:port/v1}. */
    public String gatewayUrl() {
        return gatewayUrl;
    }

    /** Gemini with the key the fake accepts. */
    public ProviderAccess gemini() {
        return ProviderAccess.key(FakeProviders.GEMINI_KEY).at(fakes.gemini().url());
    }

    /** OpenAI with the key the fake accepts. */
    public ProviderAccess openAi() {
        return ProviderAccess.key(FakeProviders.OPENAI_KEY).at(fakes.openAi().url());
    }

    /** Prints where the fakes and the gateway are. */
    public void describe(PrintStream out) {
        out.println(
                "fake Gemini: " + fakes.gemini().url() + "  (stands in for https://generativelanguage.googleapis.com)");
        out.println("fake OpenAI: " + fakes.openAi().url() + "  (stands in for https://api.openai.com/v1)");
        out.println(
                "gateway:     " + gatewayUrl + (server.isPresent() ? "  (in-process gateway-server)" : "  (given)"));
    }

    /** Prints the note that goes with every config that points targets at the fakes. */
    public static void customHostNote(PrintStream out) {
        out.println("             custom_host points each target at its fake; real runs leave custom_host out.");
    }

    @Override
    public void close() {
        try {
            server.ifPresent(GatewayServer::close);
        } finally {
            fakes.close();
        }
    }
}
