package dev.aigateway.core.stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.aigateway.core.internal.Json;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a streamed JSON array ({@code [{...},\r\n{...}]}, Gemini's default stream format) element
 * by element as each arrives. Each element becomes a data-only {@link SseEvent}. A body cut before
 * the closing {@code ]} fails with an {@link IOException}. The element is kept as the parsed tree
 * ({@link SseEvent#json(JsonNode)}), so that the stream transform does not parse it again.
 */
public final class JsonArrayStreamReader implements EventReader {
    /**
     * Reads one element at a time; the shared mapper's FAIL_ON_TRAILING_TOKENS would reject every
     * element that is followed by more of the array.
     */
    private static final ObjectReader ELEMENT =
            Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final JsonParser parser;
    private boolean started;

    public JsonArrayStreamReader(InputStream in) throws IOException {
        this.parser = Json.MAPPER.createParser(in);
    }

    @Override
    public SseEvent next() throws IOException {
        if (!started) {
            started = true;
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("empty stream body");
            }
            if (first == JsonToken.START_OBJECT) {
                return SseEvent.json(ELEMENT.readTree(parser)); // a lone object, not an array
            }
            if (first != JsonToken.START_ARRAY) {
                throw new IOException("stream body is not a JSON array");
            }
        }
        JsonToken token = parser.nextToken();
        if (token == null) {
            if (parser.getParsingContext().inArray()) {
                throw new IOException("stream ended before the closing ]");
            }
            return null;
        }
        if (token == JsonToken.END_ARRAY) {
            return null;
        }
        JsonNode element = ELEMENT.readTree(parser);
        return SseEvent.json(element);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
