package dev.aigateway.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PortkeyResponseHeadersTest {
    @Test
    void readsEveryHeaderFromAMapOfValues() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of("application/json"));
        headers.put("x-portkey-provider", List.of("openai"));
        headers.put("x-portkey-last-used-option-index", List.of("config.targets[1]"));
        headers.put("x-portkey-retry-attempt-count", List.of("0"));
        headers.put("x-portkey-trace-id", List.of("trace-1"));
        headers.put("x-portkey-cache-status", List.of("DISABLED"));

        PortkeyResponseHeaders answer = PortkeyResponseHeaders.from(headers);

        assertEquals(
                new PortkeyResponseHeaders(
                        Optional.of("openai"),
                        Optional.of("config.targets[1]"),
                        OptionalInt.of(0),
                        Optional.of("trace-1"),
                        Optional.of("DISABLED")),
                answer);
    }

    @Test
    void namesMatchIgnoringCaseAndTheFirstValueCounts() {
        Map<String, List<String>> headers = Map.of(
                "X-Portkey-Last-Used-Option-Index", List.of("config.targets[0]", "config.targets[1]"),
                "X-PORTKEY-PROVIDER", List.of("google"));

        PortkeyResponseHeaders answer = PortkeyResponseHeaders.from(headers);

        assertEquals(Optional.of("config.targets[0]"), answer.lastUsedOptionIndex());
        assertEquals(Optional.of("google"), answer.provider());
    }

    @Test
    void aCaseInsensitiveMapIsAskedDirectly() {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("X-Portkey-Trace-Id", List.of("t-9"));

        assertEquals(Optional.of("t-9"), PortkeyResponseHeaders.from(headers).traceId());
    }

    @Test
    void readsThroughALookupByName() {
        Map<String, List<String>> lowerCase = Map.of("x-portkey-last-used-option-index", List.of("config"));

        PortkeyResponseHeaders answer = PortkeyResponseHeaders.from(name -> lowerCase.getOrDefault(name, List.of()));

        assertEquals(Optional.of("config"), answer.lastUsedOptionIndex());
        assertEquals(Optional.empty(), answer.provider());
    }

    @Test
    void aLookupMayAnswerNullForAMissingHeader() {
        PortkeyResponseHeaders answer = PortkeyResponseHeaders.from(name -> null);

        assertEquals(
                new PortkeyResponseHeaders(
                        Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty()),
                answer);
    }

    @Test
    void missingBlankOrNullValuesAreEmpty() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("x-portkey-provider", List.of());
        headers.put("x-portkey-trace-id", List.of("  "));
        headers.put("x-portkey-cache-status", Collections.singletonList(null));

        PortkeyResponseHeaders answer = PortkeyResponseHeaders.from(headers);

        assertEquals(Optional.empty(), answer.provider());
        assertEquals(Optional.empty(), answer.traceId());
        assertEquals(Optional.empty(), answer.cacheStatus());
        assertEquals(Optional.empty(), answer.lastUsedOptionIndex());
    }

    @Test
    void retryAttemptCountIsANumberOrEmpty() {
        assertEquals(
                OptionalInt.of(-1),
                PortkeyResponseHeaders.from(Map.of("x-portkey-retry-attempt-count", List.of("-1")))
                        .retryAttemptCount());
        assertEquals(
                OptionalInt.of(2),
                PortkeyResponseHeaders.from(Map.of("x-portkey-retry-attempt-count", List.of(" 2 ")))
                        .retryAttemptCount());
        assertEquals(
                OptionalInt.empty(),
                PortkeyResponseHeaders.from(Map.of("x-portkey-retry-attempt-count", List.of("two")))
                        .retryAttemptCount());
    }

    @Test
    void nullsAreRefused() {
        assertThrows(NullPointerException.class, () -> PortkeyResponseHeaders.from((Map<String, List<String>>) null));
        assertThrows(
                NullPointerException.class,
                () -> new PortkeyResponseHeaders(
                        null, Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty()));
    }
}
