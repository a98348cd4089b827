package dev.aigateway.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.event.Usage;
import dev.aigateway.core.internal.ErrorBodies;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.stream.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * OpenAI's format, for chat completions, completions, embeddings and OpenAI's other routes
 * (images, audio, moderations, models, files, batches): gateway failures in Portkey's
 * {@code {"status":"failure","message":...}}, upstream errors in OpenAI's envelope
 * {@code {"error":{message,type,param,code},"provider":...}}, a stream error as a {@code data:}
 * event holding that envelope, and every stream closed by {@code data: [DONE]}.
 */
public final class OpenAiFormat implements EndpointFormat {
    /** Chat completions: an answer has {@code choices}. */
    public static final OpenAiFormat CHAT = new OpenAiFormat("choices", Optional.of(OpenAiStreamAssembly.CHAT));

    /** Legacy completions: an answer has {@code choices}. */
    public static final OpenAiFormat COMPLETIONS =
            new OpenAiFormat("choices", Optional.of(OpenAiStreamAssembly.COMPLETIONS));

    /** Embeddings: an answer has {@code data}. */
    public static final OpenAiFormat EMBEDDINGS = new OpenAiFormat("data");

    /** Image generations and edits: an answer has {@code data}. */
    public static final OpenAiFormat IMAGES = new OpenAiFormat("data");

    /** Moderations: an answer has {@code results}. */
    public static final OpenAiFormat MODERATIONS = new OpenAiFormat("results");

    /** Lists (models, files, batches, a response's input items): an answer has {@code data}. */
    public static final OpenAiFormat LIST = new OpenAiFormat("data");

    /** One object (a model, a file, a batch, a deletion): an answer is a JSON object. */
    public static final OpenAiFormat OBJECT = new OpenAiFormat(AnswerShape.OBJECT, false);

    /** Transcriptions and translations: JSON or, as the caller asked, text, SRT or VTT. */
    public static final OpenAiFormat TEXT_OR_JSON = new OpenAiFormat(AnswerShape.ANY, false);

    /**
     * Bytes streamed through as the upstream sends them, unread (speech audio, a file's content,
     * the proxy's answers); errors still come in OpenAI's envelope.
     */
    public static final OpenAiFormat BYTES = new OpenAiFormat(AnswerShape.ANY, true);

    private static final Optional<SseEvent> DONE = Optional.of(SseEvent.data("[DONE]"));

    private final AnswerShape shape;
    private final boolean bytesAnswer;
    private final Optional<StreamAssembly> assembly;

    private OpenAiFormat(String answerField) {
        this(answerField, Optional.empty());
    }

    private OpenAiFormat(String answerField, Optional<StreamAssembly> assembly) {
        this(new AnswerShape(answerField), false, assembly);
    }

    private OpenAiFormat(AnswerShape shape, boolean bytesAnswer) {
        this(shape, bytesAnswer, Optional.empty());
    }

    private OpenAiFormat(AnswerShape shape, boolean bytesAnswer, Optional<StreamAssembly> assembly) {
        this.shape = shape;
        this.bytesAnswer = bytesAnswer;
        this.assembly = assembly;
    }

    @Override
    public boolean bytesAnswer() {
        return bytesAnswer;
    }

    @Override
    public ObjectNode failureBody(String message) {
        return ErrorBodies.failure(message);
    }

    @Override
    public ObjectNode errorBody(String message, String type, String provider) {
        return ErrorBodies.openAi(message, type, null, null, provider);
    }

    @Override
    public SseEvent streamError(String message, String provider) {
        return SseEvent.data(Json.text(errorBody(message, "stream_error", provider)));
    }

    @Override
    public Optional<SseEvent> endMarker() {
        return DONE;
    }

    @Override
    public Optional<String> answerProblem(JsonNode answer, byte[] upstreamBody) {
        return shape.holds(answer) ? Optional.empty() : Optional.of(shape.problem(upstreamBody));
    }

    @Override
    public Optional<String> relayedAnswerProblem(byte[] body) {
        return shape.holds(body) ? Optional.empty() : Optional.of(shape.problem(body));
    }

    @Override
    public Usage usage(JsonNode answer) {
        return usageOf(UsageFields.tree(answer.path("usage")));
    }

    @Override
    public Usage usage(byte[] answer) {
        return usageOf(UsageFields.read(answer, "usage"));
    }

    @Override
    public Optional<StreamAssembly> streamAssembly() {
        return assembly;
    }

    @Override
    public StreamUsageReader streamUsage() {
        return new StreamUsageReader() {
            private Usage usage = Usage.UNKNOWN;

            @Override
            public void accept(SseEvent event) {
                // Most chunks carry no usage: look before parsing.
                if (event.data().contains("\"usage\"")) {
                    JsonNode chunk = Json.parseOrNull(event.data().getBytes(StandardCharsets.UTF_8));
                    if (chunk != null) {
                        usage = usage.updatedBy(usageOf(UsageFields.tree(chunk.path("usage"))));
                    }
                }
            }

            @Override
            public Usage usage() {
                return usage;
            }
        };
    }

    /**
     * OpenAI's {@code prompt_tokens} holds its cached tokens ({@code prompt_tokens_details}); the
     * Anthropic form Portkey writes keeps cache reads and writes out of it, in fields of their own,
     * which are added back so that input counts every input token.
     */
    private static Usage usageOf(UsageFields usage) {
        OptionalLong prompt = usage.count("prompt_tokens");
        OptionalLong reasoning = usage.object("completion_tokens_details").count("reasoning_tokens");
        OptionalLong rawRead = usage.count("cache_read_input_tokens");
        OptionalLong rawWrite = usage.count("cache_creation_input_tokens");
        if (rawRead.isPresent() || rawWrite.isPresent()) {
            OptionalLong input = prompt.isPresent()
                    ? OptionalLong.of(prompt.getAsLong() + rawRead.orElse(0) + rawWrite.orElse(0))
                    : prompt;
            return new Usage(input, usage.count("completion_tokens"), rawRead, rawWrite, reasoning);
        }
        return new Usage(
                prompt,
                usage.count("completion_tokens"),
                usage.object("prompt_tokens_details").count("cached_tokens"),
                OptionalLong.empty(),
                reasoning);
    }
}
