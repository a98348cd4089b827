package dev.aigateway.examples;

import com.openai.client.OpenAIClient;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * What came back for one question through the gateway: who answered (the gateway's
 * {@code x-portkey-provider} header and the answer's model), the text, and which config target
 * served it ({@code x-portkey-last-used-option-index}). A streamed answer keeps its pieces.
 */
public record Answer(String provider, String model, String text, String optionIndex, List<String> pieces) {
    public static final String PROVIDER_HEADER = "x-portkey-provider";
    public static final String OPTION_INDEX_HEADER = "x-portkey-last-used-option-index";

    /** Asks {@code prompt} of {@code model} in one complete answer. */
    public static Answer ask(OpenAIClient client, String model, String prompt) {
        return ask(client, params(model, prompt));
    }

    public static Answer ask(OpenAIClient client, ChatCompletionCreateParams params) {
        // The raw response gives the gateway's headers as well as the parsed completion.
        try (HttpResponseFor<ChatCompletion> response =
                client.chat().completions().withRawResponse().create(params)) {
            ChatCompletion completion = response.parse();
            String text = completion.choices().isEmpty()
                    ? ""
                    : completion.choices().get(0).message().content().orElse("");
            return new Answer(
                    header(response.headers(), PROVIDER_HEADER),
                    completion.model(),
                    text,
                    header(response.headers(), OPTION_INDEX_HEADER),
                    List.of());
        }
    }

    /** Asks {@code prompt} of {@code model} as a stream, collecting the pieces as they arrive. */
    public static Answer askStreaming(OpenAIClient client, String model, String prompt) {
        return askStreaming(client, model, prompt, piece -> {});
    }

    /** As {@link #askStreaming(OpenAIClient, String, String)}, handing each piece to {@code onPiece} at once. */
    public static Answer askStreaming(OpenAIClient client, String model, String prompt, Consumer<String> onPiece) {
        ChatCompletionCreateParams params = params(model, prompt);
        try (HttpResponseFor<StreamResponse<ChatCompletionChunk>> response =
                        client.chat().completions().withRawResponse().createStreaming(params);
                StreamResponse<ChatCompletionChunk> stream = response.parse()) {
            List<String> pieces = new ArrayList<>();
            String answeredModel = "";
            Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
            while (chunks.hasNext()) {
                ChatCompletionChunk chunk = chunks.next();
                answeredModel = chunk.model();
                for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                    String content = choice.delta().content().orElse("");
                    if (!content.isEmpty()) {
                        pieces.add(content);
                        onPiece.accept(content);
                    }
                }
            }
            return new Answer(
                    header(response.headers(), PROVIDER_HEADER),
                    answeredModel,
                    String.join("", pieces),
                    header(response.headers(), OPTION_INDEX_HEADER),
                    List.copyOf(pieces));
        }
    }

    static ChatCompletionCreateParams params(String model, String prompt) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage(prompt)
                .build();
    }

    private static String header(Headers headers, String name) {
        List<String> values = headers.values(name);
        return values.isEmpty() ? "(none)" : values.get(0);
    }

    /** Prints who answered, the answer and the index header, indented under a step. */
    public void print(PrintStream out) {
        if (!pieces.isEmpty()) {
            out.println("  streamed " + pieces.size() + " pieces: " + quoted(pieces));
        }
        out.println("  answered by: " + provider);
        out.println("  model: " + model);
        out.println("  answer: " + text);
        out.println("  " + OPTION_INDEX_HEADER + ": " + optionIndex);
    }

    private static String quoted(List<String> pieces) {
        StringBuilder out = new StringBuilder();
        for (String piece : pieces) {
            out.append(out.length() == 0 ? "" : " | ").append(piece.strip());
        }
        return out.toString();
    }
}
