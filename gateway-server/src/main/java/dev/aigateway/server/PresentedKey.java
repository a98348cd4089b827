package dev.aigateway.server;

import java.util.Optional;
import java.util.function.Function;

/**
 * The gateway API key a caller sent: {@code x-portkey-api-key: <key>}, as Portkey's SDKs send
 * their key, or else {@code Authorization: Bearer <key>}, as a plain OpenAI client sends its API
 * key. Never printed.
 *
 * @param inAuthorization whether it came in {@code Authorization}, which then must not go upstream
 */
record PresentedKey(String value, boolean inAuthorization) {
    static final String PORTKEY_HEADER = "x-portkey-api-key";

    /** The key in the headers {@code header} looks up, if any. */
    static Optional<PresentedKey> from(Function<String, Optional<String>> header) {
        Optional<String> portkey =
                header.apply(PORTKEY_HEADER).map(String::strip).filter(v -> !v.isEmpty());
        if (portkey.isPresent()) {
            return Optional.of(new PresentedKey(portkey.get(), false));
        }
        return header.apply("authorization")
                .map(String::strip)
                .map(value -> value.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? value.substring(7).strip()
                        : value)
                .filter(value -> !value.isEmpty())
                .map(value -> new PresentedKey(value, true));
    }

    @Override
    public String toString() {
        return "PresentedKey[" + (inAuthorization ? "authorization" : PORTKEY_HEADER) + "]";
    }
}
