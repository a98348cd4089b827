package dev.aigateway.server.observability;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a label's values few: the first {@code limit} distinct values pass, later new ones become
 * {@code other}. For values callers choose (model names), so that no caller can make the metrics
 * grow without end.
 */
final class BoundedLabel {
    static final String OTHER = "other";

    private final int limit;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    BoundedLabel(int limit) {
        this.limit = limit;
    }

    String of(String value) {
        if (seen.contains(value)) {
            return value;
        }
        if (seen.size() >= limit) {
            return OTHER;
        }
        seen.add(value);
        return value;
    }
}
