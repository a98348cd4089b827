package dev.aigateway.core.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One provider's contract fixture, read from {@code src/test/resources/contract/<slug>/}:
 * {@code fixture.json} and the provider's raw stream body {@code stream.txt} (or, for AWS's binary
 * event stream, {@code stream.frames.jsonl}). Fields of
 * {@code fixture.json}:
 *
 * <ul>
 *   <li>{@code hostPath}: appended to the fake upstream's URL to make the {@code custom_host}, so
 *       that the path the provider appends lands where the real API has it.
 *   <li>{@code config}: the leaf's other config keys (the key, required provider fields).
 *   <li>{@code sent}: what the upstream must receive for {@link ProviderContractTest#REQUEST}: the
 *       {@code path} with query, {@code headers} (a subset; {@code null} means absent) and the
 *       JSON {@code body}; {@code streamPath} when streams go elsewhere (Gemini's
 *       {@code :streamGenerateContent}).
 *   <li>{@code response}: the provider's 2xx body; {@code answer}: the expected {@code content},
 *       {@code finish_reason}, {@code usage} (a subset) and {@code provider} field ({@code null}
 *       when answers are relayed unchanged).
 *   <li>{@code stream}: the {@code content} and {@code finish_reason} the translated stream must
 *       carry.
 *   <li>{@code error}: the provider's {@code status} and {@code body}, and the envelope fields
 *       {@code expect}ed in the answer.
 * </ul>
 */
record ProviderFixture(String provider, JsonNode json, String streamBody) {
    static final Path ROOT = Path.of("src/test/resources/contract");

    static boolean exists(String provider) {
        return Files.isRegularFile(ROOT.resolve(provider).resolve("fixture.json"));
    }

    static ProviderFixture load(String provider) throws IOException {
        Path dir = ROOT.resolve(provider);
        Path frames = dir.resolve(FRAMES);
        return new ProviderFixture(
                provider,
                Json.parse(Files.readString(dir.resolve("fixture.json"), StandardCharsets.UTF_8)),
                Files.readString(Files.exists(frames) ? frames : dir.resolve("stream.txt"), StandardCharsets.UTF_8));
    }

    /** The stream as AWS event-stream frames, one JSON line each ({@link EventStreamFrames}), for Bedrock. */
    static final String FRAMES = "stream.frames.jsonl";

    /** The stream's bytes: {@code stream.txt} as it is, or the frames of {@code stream.frames.jsonl}. */
    okio.Buffer streamBytes() throws IOException {
        okio.Buffer buffer = new okio.Buffer();
        return Files.exists(ROOT.resolve(provider).resolve(FRAMES))
                ? buffer.write(EventStreamFrames.encode(streamBody))
                : buffer.writeUtf8(streamBody);
    }

    String streamContentType() {
        return Files.exists(ROOT.resolve(provider).resolve(FRAMES))
                ? EventStreamFrames.CONTENT_TYPE
                : "text/event-stream";
    }

    /** The leaf config for this provider with {@code customHost} as its base. */
    String leaf(String customHost) {
        ObjectNode leaf = Json.object().put("provider", provider).put("custom_host", customHost);
        leaf.setAll((ObjectNode) json.path("config"));
        return Json.text(leaf);
    }

    String hostPath() {
        return json.path("hostPath").asText("");
    }

    JsonNode sent() {
        return json.path("sent");
    }

    /** The path of stream calls: {@code sent.streamPath}, else {@code sent.path}. */
    String streamPath() {
        return sent().path("streamPath").asText(sent().path("path").asText());
    }

    String response() {
        return Json.text(json.path("response"));
    }

    JsonNode answer() {
        return json.path("answer");
    }

    JsonNode stream() {
        return json.path("stream");
    }

    int errorStatus() {
        return json.path("error").path("status").asInt();
    }

    String errorBody() {
        return Json.text(json.path("error").path("body"));
    }

    JsonNode expectedError() {
        return json.path("error").path("expect");
    }
}
