package dev.aigateway.core.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.internal.pipeline.UpstreamEventStream;
import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.SseEvent;
import dev.aigateway.core.stream.SseReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every golden case under {@code src/test/resources/golden/<provider>/<endpoint>/<case>/}.
 * A case holds any of these pairs (JSON compared as trees, streams event by event). The
 * {@code .openai} side is the gateway's: the endpoint's own format (OpenAI's chat, Responses or
 * Anthropic's Messages), the {@code .provider} side what the upstream receives and sends:
 *
 * <ul>
 *   <li>{@code request.openai.json} → {@code request.provider.json}: the request transform;
 *       {@code url.txt}: the expected base URL + path; {@code headers.provider.json}: headers that
 *       must be sent (a subset).
 *   <li>{@code response.provider.json} → {@code response.openai.json}: a 2xx answer.
 *   <li>{@code error.provider.json} (or {@code .txt}) with {@code error.status} →
 *       {@code error.openai.json}, answered with the same status unless {@code error.openai.status}
 *       gives another.
 *   <li>{@code stream.provider.txt} → {@code stream.openai.txt}, through the gateway's own stream
 *       pump, so the expected events end as the caller's do (with {@code data: [DONE]}, after an
 *       error event when the stream failed); {@code stream.content-type} sets the upstream content
 *       type (default {@code text/event-stream}); when {@code stream.incomplete} exists the stream
 *       must end as incomplete. An AWS event stream (Bedrock) is written as
 *       {@code stream.provider.frames.jsonl} instead, one frame per line ({@link EventStreamFrames}).
 *   <li>{@code error.headers.json}: the upstream error's headers; {@code error.openai.status}: the
 *       status the caller must get when it is not the upstream's.
 * </ul>
 *
 * {@code options.json} (optional) gives {@code apiKey}, {@code customHost}, provider {@code fields},
 * incoming {@code headers} and {@code strict}. Unless {@code request.openai.json} is present, the
 * request is {@code {"model":"test-model","messages":[]}}. Time is fixed at 1700000000 s and ids are
 * {@code id-1}, {@code id-2}, ... per case.
 */
class GoldenTransformTest {
    static final Path ROOT = Path.of("src/test/resources/golden");
    static final long NOW_SECONDS = 1_700_000_000L;

    @TestFactory
    Stream<DynamicTest> goldenCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(ROOT, 3)) {
            for (Path dir : dirs.filter(p -> ROOT.relativize(p).getNameCount() == 3 && Files.isDirectory(p))
                    .sorted()
                    .toList()) {
                String name = ROOT.relativize(dir).toString().replace('\\', '/');
                tests.add(DynamicTest.dynamicTest(name, () -> runCase(dir)));
            }
        }
        assertTrue(!tests.isEmpty() || !Files.isDirectory(ROOT), "no golden cases found");
        return tests.stream();
    }

    private static void runCase(Path dir) throws IOException {
        String providerId = dir.getParent().getParent().getFileName().toString();
        Endpoint endpoint = endpoint(dir.getParent().getFileName().toString());
        Provider provider = Providers.defaults()
                .find(providerId)
                .orElseThrow(() -> new AssertionError("provider not registered: " + providerId));
        ProviderRequest request = request(dir, providerId, endpoint);
        EndpointTransform.Binding binding =
                provider.transform(endpoint).orElseThrow().bind(request);
        EndpointTransform transform = binding.transform();
        ProviderRequest apiRequest = binding.apiRequest();

        if (Files.exists(dir.resolve("request.provider.json"))) {
            JsonNode body = transform.request(request);
            assertJson(dir.resolve("request.provider.json"), body);
            if (Files.exists(dir.resolve("url.txt"))) {
                String url = request.options().customHost().orElseGet(() -> provider.api()
                                .baseUrl(apiRequest))
                        + provider.api().path(apiRequest, body);
                assertEquals(read(dir.resolve("url.txt")).strip(), url, "url");
            }
            if (Files.exists(dir.resolve("headers.provider.json"))) {
                Headers.Builder headers = Headers.builder();
                provider.api().headers(apiRequest, headers);
                Headers sent = headers.build();
                Json.parse(read(dir.resolve("headers.provider.json")))
                        .properties()
                        .forEach(e -> assertEquals(
                                e.getValue().isNull() ? null : e.getValue().asText(),
                                sent.value(e.getKey()),
                                "header " + e.getKey()));
            }
        }
        if (Files.exists(dir.resolve("response.provider.json"))) {
            JsonNode upstream = Json.parse(read(dir.resolve("response.provider.json")));
            assertJson(dir.resolve("response.openai.json"), transform.response(upstream, request));
        }
        Path error = Files.exists(dir.resolve("error.provider.json"))
                ? dir.resolve("error.provider.json")
                : dir.resolve("error.provider.txt");
        if (Files.exists(error)) {
            int status = Integer.parseInt(read(dir.resolve("error.status")).strip());
            EndpointTransform.ErrorAnswer answer =
                    transform.errorAnswer(status, errorHeaders(dir), Files.readAllBytes(error), request);
            assertJson(dir.resolve("error.openai.json"), answer.body());
            int answered = Files.exists(dir.resolve("error.openai.status"))
                    ? Integer.parseInt(read(dir.resolve("error.openai.status")).strip())
                    : status;
            assertEquals(answered, answer.status(), "answered status");
        }
        if (Files.exists(dir.resolve("stream.provider.txt"))
                || Files.exists(dir.resolve(EventStreamFrames.GOLDEN_FILE))) {
            runStream(dir, transform, request);
        }
    }

    /** The upstream error's headers, from {@code error.headers.json} when present. */
    private static Headers errorHeaders(Path dir) throws IOException {
        Headers.Builder headers = Headers.builder();
        if (Files.exists(dir.resolve("error.headers.json"))) {
            Json.parse(read(dir.resolve("error.headers.json")))
                    .properties()
                    .forEach(e -> headers.add(e.getKey(), e.getValue().asText()));
        }
        return headers.build();
    }

    private static void runStream(Path dir, EndpointTransform transform, ProviderRequest request) throws IOException {
        String contentType = Files.exists(dir.resolve("stream.content-type"))
                ? read(dir.resolve("stream.content-type")).strip()
                : "text/event-stream";
        boolean frames = Files.exists(dir.resolve(EventStreamFrames.GOLDEN_FILE));
        byte[] upstream = frames
                ? EventStreamFrames.encode(read(dir.resolve(EventStreamFrames.GOLDEN_FILE)))
                : Files.readAllBytes(dir.resolve("stream.provider.txt"));
        contentType = frames ? EventStreamFrames.CONTENT_TYPE : contentType;
        List<SseEvent> written = new ArrayList<>();
        List<Boolean> finished = new ArrayList<>();
        ChunkSink sink = new ChunkSink() {
            @Override
            public void event(String name, String data) {
                written.add(new SseEvent(name, data));
            }

            @Override
            public void finish(boolean complete) {
                finished.add(complete);
            }
        };
        boolean incomplete = Files.exists(dir.resolve("stream.incomplete"));
        UpstreamEventStream.pump(
                new ByteArrayInputStream(upstream),
                contentType,
                transform,
                request,
                sink,
                UpstreamEventStream.StreamObserver.NONE);
        assertEquals(List.of(!incomplete), finished, "finished once, complete unless stream.incomplete exists");
        List<SseEvent> expected = new ArrayList<>();
        try (SseReader reader = new SseReader(Files.newInputStream(dir.resolve("stream.openai.txt")))) {
            for (SseEvent e = reader.next(); e != null; e = reader.next()) {
                expected.add(e);
            }
        }
        assertEquals(expected.size(), written.size(), () -> "event count; got " + written);
        for (int i = 0; i < expected.size(); i++) {
            SseEvent want = expected.get(i);
            SseEvent got = written.get(i);
            assertEquals(want.event(), got.event(), "event name #" + i);
            JsonNode wantJson = Json.parseOrNull(want.data().getBytes(StandardCharsets.UTF_8));
            if (wantJson != null && wantJson.isContainerNode()) {
                assertEquals(wantJson, Json.parse(got.data()), "event #" + i);
            } else {
                assertEquals(want.data(), got.data(), "event #" + i);
            }
        }
    }

    private static ProviderRequest request(Path dir, String providerId, Endpoint endpoint) throws IOException {
        ObjectNode params = Files.exists(dir.resolve("request.openai.json"))
                ? (ObjectNode) Json.parse(read(dir.resolve("request.openai.json")))
                : (ObjectNode) Json.parse("{\"model\":\"test-model\",\"messages\":[]}");
        JsonNode options = Files.exists(dir.resolve("options.json"))
                ? Json.parse(read(dir.resolve("options.json")))
                : Json.object();
        Map<String, String> fields = new HashMap<>();
        options.path("fields")
                .properties()
                .forEach(e -> fields.put(
                        e.getKey(),
                        e.getValue().isTextual()
                                ? e.getValue().asText()
                                : e.getValue().toString()));
        Headers.Builder headers = Headers.builder();
        options.path("headers")
                .properties()
                .forEach(e -> headers.add(e.getKey(), e.getValue().asText()));
        ProviderOptions providerOptions = new ProviderOptions(
                providerId,
                Optional.ofNullable(
                        options.has("apiKey") ? options.get("apiKey").asText() : "test-key"),
                Optional.ofNullable(Json.textOrNull(options, "customHost")),
                fields);
        AtomicInteger ids = new AtomicInteger();
        TransformContext context = new TransformContext(
                Clock.fixed(Instant.ofEpochSecond(NOW_SECONDS), ZoneOffset.UTC), () -> "id-" + ids.incrementAndGet());
        return new ProviderRequest(
                endpoint,
                providerOptions,
                params,
                params.path("stream").asBoolean(false),
                headers.build(),
                options.path("strict").asBoolean(true),
                context);
    }

    private static Endpoint endpoint(String portkeyName) {
        for (Endpoint e : Endpoint.values()) {
            if (e.portkeyName().equals(portkeyName)) {
                return e;
            }
        }
        throw new AssertionError("unknown endpoint folder: " + portkeyName);
    }

    /**
     * Compares the actual tree as a client would read it: serialised and parsed again, as stream
     * events already are. Otherwise a {@code long} field such as {@code created} (a LongNode) would
     * never equal the IntNode the parser makes of the same number in the expected file.
     */
    private static void assertJson(Path expectedFile, JsonNode actual) throws IOException {
        assertEquals(
                Json.parse(read(expectedFile)),
                Json.parse(Json.text(actual)),
                () -> expectedFile + "\nactual: " + actual);
    }

    private static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
