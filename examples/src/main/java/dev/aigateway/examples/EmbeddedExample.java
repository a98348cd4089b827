package dev.aigateway.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.client.PortkeyConfig;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.examples.fakes.FakeProviders;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The walkthrough's fallback with {@code gateway-core} inside the application: no server, no HTTP
 * hop to a gateway, just {@code Gateway.create()} and {@code gateway.handle(GatewayRequest)}. The
 * answers and headers are the same as through the server.
 */
public final class EmbeddedExample implements Example {
    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public String summary() {
        return "the same fallback with gateway-core in-process: Gateway.create() + GatewayRequest, no server";
    }

    @Override
    public String usage() {
        return "(no options)";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("embedded takes no options: it runs the gateway in-process");
        }
        try (FakeProviders fakes = FakeProviders.start();
                Gateway gateway = Gateway.create()) {
            return run(fakes, gateway, out);
        }
    }

    /** Tells the story with {@code gateway} against {@code fakes}; returns 0 when it holds. */
    public int run(FakeProviders fakes, Gateway gateway, PrintStream out) {
        out.println("== Embedded: the fallback with gateway-core, no server ==");
        out.println("fake Gemini: " + fakes.gemini().url());
        out.println("fake OpenAI: " + fakes.openAi().url());
        ProviderAccess gemini =
                ProviderAccess.key(FakeProviders.GEMINI_KEY).at(fakes.gemini().url());
        ProviderAccess openAi =
                ProviderAccess.key(FakeProviders.OPENAI_KEY).at(fakes.openAi().url());
        PortkeyConfig withKey = WalkthroughConfig.fallback(gemini, openAi);
        PortkeyConfig withoutKey = WalkthroughConfig.fallback(gemini.withoutKey(), openAi);
        out.println("config:      " + WalkthroughConfig.masked(withKey));
        DemoStack.customHostNote(out);
        Story story = new Story(out);

        step(out, "Step 1: Gemini has a good key");
        GatewayResponse first = gateway.handle(request(withKey, false));
        answer(first, story, out).ifPresent(a -> story.checkAnsweredBy(a, "google", "gemini", "config.targets[0]"));

        step(out, "Step 2: the Gemini key is removed");
        GatewayResponse second = gateway.handle(request(withoutKey, false));
        answer(second, story, out).ifPresent(a -> story.checkAnsweredBy(a, "openai", "gpt-4o", "config.targets[1]"));

        step(out, "Step 3: the same, as a stream");
        GatewayResponse third = gateway.handle(request(withoutKey, true));
        answer(third, story, out).ifPresent(a -> {
            story.check(a.pieces().size() > 1, "the answer arrived in pieces");
            story.checkAnsweredBy(a, "openai", "gpt-4o", "config.targets[1]");
        });

        return story.end("gateway-core falls back from Gemini to GPT-4o inside the application.");
    }

    /** A chat completion request carrying {@code config} in {@code x-portkey-config}. */
    static GatewayRequest request(PortkeyConfig config, boolean stream) {
        ObjectNode body = Json.object();
        body.put("model", WalkthroughConfig.GEMINI_MODEL);
        body.putArray("messages").addObject().put("role", "user").put("content", FallbackDemo.QUESTION);
        if (stream) {
            body.put("stream", true);
        }
        return GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .config(config.toJson())
                .body(body)
                .build();
    }

    private static void step(PrintStream out, String title) {
        out.println();
        out.println(title);
        out.println("  question: " + FallbackDemo.QUESTION);
    }

    /** The answer in {@code response}, printed; a failure becomes a failed check. */
    private static Optional<Answer> answer(GatewayResponse response, Story story, PrintStream out) {
        String provider = response.headers().first(Answer.PROVIDER_HEADER).orElse("(none)");
        String index = response.headers().first(Answer.OPTION_INDEX_HEADER).orElse("(none)");
        Answer answer;
        if (response instanceof GatewayResponse.Complete complete) {
            if (complete.status() != 200) {
                story.check(false, "the gateway answered " + complete.status() + ": " + complete.bodyText());
                return Optional.empty();
            }
            JsonNode json = Json.parseOrNull(complete.body());
            answer = new Answer(
                    provider,
                    json.path("model").asText(),
                    json.at("/choices/0/message/content").asText(),
                    index,
                    List.of());
        } else {
            Chunks chunks = new Chunks();
            try {
                ((GatewayResponse.Streaming) response).events().writeTo(chunks);
            } catch (IOException e) {
                // Only a failing sink throws, and this one keeps everything in memory.
                throw new UncheckedIOException(e);
            }
            answer = new Answer(
                    provider, chunks.model, String.join("", chunks.pieces), index, List.copyOf(chunks.pieces));
        }
        answer.print(out);
        return Optional.of(answer);
    }

    /** Collects a stream's OpenAI chunks: the model and the content pieces, in order. */
    private static final class Chunks implements ChunkSink {
        private final List<String> pieces = new ArrayList<>();
        private String model = "";

        @Override
        public void event(String name, String data) {
            JsonNode chunk = Json.parseOrNull(data.getBytes(StandardCharsets.UTF_8));
            if (chunk == null) {
                return; // [DONE]
            }
            model = chunk.path("model").asText(model);
            String content = chunk.at("/choices/0/delta/content").asText("");
            if (!content.isEmpty()) {
                pieces.add(content);
            }
        }
    }
}
