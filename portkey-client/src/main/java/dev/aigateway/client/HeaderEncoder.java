package dev.aigateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code createHeaders} algorithm of Portkey's Node SDK (3.1.0), with the deviations listed on
 * {@link Portkey}. Option keys become header names; {@link OptionValue} turns values into text.
 */
final class HeaderEncoder {
    static final String PREFIX = "x-portkey-";
    static final String FORWARD_HEADERS = "forwardHeaders";
    private static final String AUTHORIZATION = "authorization";
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HeaderEncoder() {}

    static Map<String, String> encode(Map<String, ?> options) {
        Objects.requireNonNull(options, "options");
        List<String> forwarded = forwardHeaderEntries(options.get(FORWARD_HEADERS));
        // Node compares kebab forms: forwardHeaders ['openaiProject'] un-prefixes the openaiProject option.
        Set<String> unprefixed = forwarded.stream().map(HeaderEncoder::kebab).collect(Collectors.toSet());
        Map<String, String> headers = new LinkedHashMap<>();
        options.forEach((key, value) -> {
            Objects.requireNonNull(key, "option key");
            Optional<String> text = FORWARD_HEADERS.equals(key) ? joinForwarded(forwarded) : encodeValue(key, value);
            text.ifPresent(t -> put(headers, headerName(key, unprefixed), t));
        });
        return Collections.unmodifiableMap(headers);
    }

    /**
     * Node's key rule: the first {@code ID} becomes {@code Id}, then every capital A-Z becomes
     * {@code -} plus its lower case. Digits, {@code _} and {@code -} stay; {@code Provider} gives
     * {@code -provider}, exactly as Node does.
     */
    static String kebab(String key) {
        int id = key.indexOf("ID");
        String source = id < 0 ? key : key.substring(0, id) + "Id" + key.substring(id + 2);
        StringBuilder out = new StringBuilder(source.length() + 8);
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                out.append('-').append((char) (c + ('a' - 'A')));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> forwardHeaderEntries(Object value) {
        JsonNode node = value == null ? null : HeaderJson.tree(value);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            // Node throws a TypeError here too ("forwardHeaders.map is not a function").
            throw new IllegalArgumentException("forwardHeaders must be a list of header names");
        }
        List<String> entries = new ArrayList<>(node.size());
        for (JsonNode entry : node) {
            if (!entry.isTextual()) {
                throw new IllegalArgumentException("forwardHeaders entries must be strings, got " + entry);
            }
            entries.add(entry.textValue());
        }
        return entries;
    }

    private static Optional<String> joinForwarded(List<String> entries) {
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(entries.stream().map(HeaderEncoder::forwardedName).collect(Collectors.joining(",")));
    }

    /**
     * The name the gateway will look up, which must be the lower-case header name. Node writes the
     * entry as given, so {@code myCustomHeader} never matches the {@code my-custom-header} it sends.
     */
    static String forwardedName(String entry) {
        if (entry.indexOf('-') >= 0) {
            return entry.toLowerCase(Locale.ROOT); // already a header name, e.g. X-Trace-Parent
        }
        if (entry.isEmpty()) {
            return entry;
        }
        // An option key such as myCustomHeader or traceID: name it as the header it produces.
        return kebab(Character.toLowerCase(entry.charAt(0)) + entry.substring(1));
    }

    private static Optional<String> encodeValue(String key, Object value) {
        try {
            return OptionValue.encode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Option " + key + " cannot be turned into a header value", e);
        }
    }

    private static String headerName(String key, Set<String> unprefixed) {
        if (key.toLowerCase(Locale.ROOT).equals(AUTHORIZATION)) {
            return AUTHORIZATION;
        }
        String kebab = kebab(key);
        String name = unprefixed.contains(kebab) ? kebab : PREFIX + kebab;
        requireToken(key, name);
        return name;
    }

    private static void put(Map<String, String> headers, String name, String value) {
        requireHeaderText(name, value);
        headers.put(name, value); // a repeated name keeps its first position, as in a JS object
    }

    private static void requireToken(String key, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || TOKEN_SYMBOLS.indexOf(c) >= 0;
            if (!token) {
                throw new IllegalArgumentException(String.format(
                        "Option %s gives the header name %s, which is not a valid HTTP header name"
                                + " (character U+%04X at index %d)",
                        key, name, (int) c, i));
            }
        }
    }

    /**
     * OkHttp accepts tab and {@code 0x20..0x7E} only. Rejecting here names the header; escaping a
     * plain value instead would silently change it, since the gateway does not unescape it.
     */
    private static void requireHeaderText(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7E)) {
                // The value itself is not echoed: it may be a key.
                throw new IllegalArgumentException(String.format(
                        "Header %s: the value has the character U+%04X at index %d, but HTTP header values"
                                + " must be printable ASCII (OkHttp rejects anything else). Put non-ASCII"
                                + " text inside metadata or config, which are sent as escaped JSON.",
                        name, (int) c, i));
            }
        }
    }
}
