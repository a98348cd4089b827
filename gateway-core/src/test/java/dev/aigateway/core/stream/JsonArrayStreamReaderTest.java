package dev.aigateway.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonArrayStreamReaderTest {
    private static JsonArrayStreamReader reader(String body) throws IOException {
        return new JsonArrayStreamReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsEveryElementOfAStreamedArray() throws IOException {
        try (JsonArrayStreamReader reader = reader("[{\r\n  \"a\": 1\r\n}\r\n,\r\n{\"b\": [2]}\r\n]")) {
            assertEquals("{\"a\":1}", reader.next().data());
            assertEquals("{\"b\":[2]}", reader.next().data());
            assertNull(reader.next());
        }
    }

    @Test
    void failsWhenTheArrayIsNotClosed() throws IOException {
        try (JsonArrayStreamReader reader = reader("[{\"a\": 1}\r\n,\r\n")) {
            assertEquals("{\"a\":1}", reader.next().data());
            assertThrows(IOException.class, reader::next);
        }
    }
}
