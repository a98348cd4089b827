package dev.aigateway.core.upstream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;

/**
 * Upstream URLs as OkHttp parsed them, kept by their text. Requests go to few distinct URLs, and
 * parsing one (host canonicalisation, IDN mapping, percent-encoding) cost more than the rest of
 * building the call. Bounded: past {@link #CAPACITY} URLs the cache starts over. Thread-safe.
 */
final class ParsedUrls {
    static final int CAPACITY = 1024;

    private final Map<String, HttpUrl> parsed = new ConcurrentHashMap<>();

    /** The parsed {@code url}; throws {@link IllegalArgumentException} when it is not an http(s) URL. */
    HttpUrl parse(String url) {
        HttpUrl cached = parsed.get(url);
        if (cached != null) {
            return cached;
        }
        HttpUrl fresh = HttpUrl.get(url);
        if (parsed.size() >= CAPACITY) {
            parsed.clear();
        }
        parsed.put(url, fresh);
        return fresh;
    }

    int size() {
        return parsed.size();
    }
}
