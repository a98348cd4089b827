package dev.aigateway.server;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** Reads one series' value out of Prometheus' text format, for assertions. */
final class PrometheusText {
    private PrometheusText() {}

    /** The value of {@code name} with exactly {@code labels} (alternating names and values). */
    static OptionalDouble value(String text, String name, String... labels) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String series = brace < 0 ? line.substring(0, space) : line.substring(0, brace);
            if (!series.equals(name)) {
                continue;
            }
            Map<String, String> found = new HashMap<>();
            if (brace >= 0) {
                String inside = line.substring(brace + 1, line.lastIndexOf('}'));
                for (String pair : inside.split("\",")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int equals = pair.indexOf('=');
                    String value = pair.substring(equals + 2);
                    found.put(
                            pair.substring(0, equals),
                            value.endsWith("\"") ? value.substring(0, value.length() - 1) : value);
                }
            }
            if (found.equals(wanted)) {
                return OptionalDouble.of(Double.parseDouble(line.substring(space + 1)));
            }
        }
        return OptionalDouble.empty();
    }

    static double valueOrZero(String text, String name, String... labels) {
        return value(text, name, labels).orElse(0);
    }
}
