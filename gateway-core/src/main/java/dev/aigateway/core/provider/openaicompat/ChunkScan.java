package dev.aigateway.core.provider.openaicompat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.aigateway.core.internal.Json;
import java.io.IOException;

/**
 * Checks a relayed OpenAI chunk in one pass over its tokens, building no tree: that it is one JSON
 * object, whether it reports an {@code error}, and which choices it carries and finishes. The
 * relay passes the upstream's text on unchanged, so only a chunk that is an error is parsed again.
 */
final class ChunkScan {
    /** What the scan found. */
    enum Result {
        CHUNK,
        ERROR,
        MALFORMED
    }

    private ChunkScan() {}

    static Result scan(String data, ChoiceTracker choices) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Result.MALFORMED;
            }
            boolean error = false;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                error |= name.equals("error");
                if (name.equals("choices") && value == JsonToken.START_ARRAY) {
                    choices(parser, choices);
                } else {
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return Result.MALFORMED;
            }
            return error ? Result.ERROR : Result.CHUNK;
        } catch (IOException e) {
            return Result.MALFORMED;
        }
    }

    private static void choices(JsonParser parser, ChoiceTracker choices) throws IOException {
        int position = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw new IOException("the chunk ended inside its choices");
            }
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                position++;
                continue;
            }
            int index = position++;
            boolean finishes = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("index") && value == JsonToken.VALUE_NUMBER_INT) {
                    index = parser.getIntValue();
                } else if (name.equals("finish_reason") && value == JsonToken.VALUE_STRING) {
                    finishes = !parser.getText().isEmpty();
                } else {
                    parser.skipChildren();
                }
            }
            choices.saw(index, finishes);
        }
    }
}
