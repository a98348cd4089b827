package dev.aigateway.core.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ParsedUrlsTest {
    private final ParsedUrls urls = new ParsedUrls();

    @Test
    void parsesEachUrlOnce() {
        String url = "http://127.0.0.1:8080/v1/chat/completions";
        assertSame(urls.parse(url), urls.parse(url));
        assertEquals("/v1/chat/completions", urls.parse(url).encodedPath());
    }

    @Test
    void startsOverWhenFull() {
        for (int i = 0; i < ParsedUrls.CAPACITY + 10; i++) {
            urls.parse("http://127.0.0.1:8080/v" + i);
        }
        // Full after CAPACITY URLs; the next one started a new cache, and nine more followed.
        assertEquals(10, urls.size());
    }

    @Test
    void aBadUrlIsNotKept() {
        assertThrows(IllegalArgumentException.class, () -> urls.parse("ftp://example.com/x"));
        assertEquals(0, urls.size());
    }
}
