package dev.aigateway.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/**
 * Compact JSON whose text is always a legal HTTP header value: every character above {@code 0x7E}
 * is written as a {@code \}{@code uXXXX} escape, and JSON already escapes the control characters.
 * OkHttp (under openai-java) rejects any header value outside tab and {@code 0x20..0x7E}; the
 * gateway JSON-parses these headers, so the escapes carry the same meaning. Thread-safe.
 */
final class HeaderJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder(asciiFactory())
            // A bean without properties becomes {} (and is then dropped, as Node drops a Date).
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private HeaderJson() {}

    private static JsonFactory asciiFactory() {
        return new JsonFactoryBuilder()
                .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                .characterEscapes(new DelEscapes())
                .build();
    }

    /** JSON's standard escapes plus DEL (0x7F), which ESCAPE_NON_ASCII leaves raw and OkHttp rejects. */
    private static final class DelEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private static final int DEL = 0x7F;

        private final int[] asciiEscapes = standardAsciiEscapesForJSON();

        DelEscapes() {
            asciiEscapes[DEL] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return asciiEscapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null; // no custom sequences: everything else uses the standard escapes
        }
    }

    /**
     * Converts any value Jackson can serialise (maps, lists, arrays, {@link JsonNode}s, config values)
     * into a tree; throws {@link IllegalArgumentException} when it cannot.
     */
    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Writes {@code node} as compact, header-safe JSON. */
    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // A tree built by tree(...) only holds plain JSON values, so this is not expected.
            throw new UncheckedIOException(e);
        }
    }
}
