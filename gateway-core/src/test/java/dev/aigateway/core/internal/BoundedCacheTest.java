package dev.aigateway.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {
    private final BoundedCache<String, HttpUrl> urls = new BoundedCache<>(1024);

    @Test
    void computesEachValueOnce() {
        String url = "http://127.0.0.1:8080/v1/chat/completions";
        assertSame(urls.get(url, HttpUrl::get), urls.get(url, HttpUrl::get));
        assertEquals("/v1/chat/completions", urls.get(url, HttpUrl::get).encodedPath());
    }

    @Test
    void startsOverWhenFull() {
        for (int i = 0; i < 1024 + 10; i++) {
            urls.get("http://127.0.0.1:8080/v" + i, HttpUrl::get);
        }
        // Full after 1024 values; the next one started a new cache, and nine more followed.
        assertEquals(10, urls.size());
    }

    @Test
    void aFailedComputationIsNotKept() {
        assertThrows(IllegalArgumentException.class, () -> urls.get("ftp://example.com/x", HttpUrl::get));
        assertEquals(0, urls.size());
    }
}
