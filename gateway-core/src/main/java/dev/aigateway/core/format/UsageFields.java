package dev.aigateway.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.OptionalLong;

/**
 * The token counts of a usage object: read from a parsed tree (a stream's events), or straight
 * from a complete answer's bytes, where a parser and a tree per answer cost more than the rest of
 * reading it. The byte reading finds fields with {@link TopLevelScan} and reads plain integers
 * itself; whatever it cannot tell for sure (an escaped key, a number that is not a plain integer
 * of up to 18 digits) it reads from a tree of the usage object, so that both readings agree. It is
 * lenient in one way: it does not check that the rest of the usage object is valid JSON, where a
 * tree of a broken object has no counts at all.
 */
abstract class UsageFields {
    private static final UsageFields NONE = tree(MissingNode.getInstance());

    /** An integer field, or empty when absent or not an integer. */
    abstract OptionalLong count(String field);

    /** An object-valued field (e.g. {@code prompt_tokens_details}); without counts when absent. */
    abstract UsageFields object(String field);

    /** The counts of a usage object already parsed, or of a missing one. */
    static UsageFields tree(JsonNode usage) {
        return new Tree(usage);
    }

    /** The counts of the top-level field {@code name} of the JSON object {@code body}. */
    static UsageFields read(byte[] body, String name) {
        long span = TopLevelScan.valueSpan(body, name);
        if (span == TopLevelScan.NOT_FOUND) {
            return NONE;
        }
        if (span == TopLevelScan.UNSURE) {
            return tree(TopLevelField.parse(body, name));
        }
        return bytes(body, span);
    }

    private static UsageFields bytes(byte[] body, long span) {
        int start = TopLevelScan.start(span);
        return body[start] == '{' ? new Bytes(body, start, TopLevelScan.end(span)) : NONE;
    }

    private static final class Tree extends UsageFields {
        private final JsonNode usage;

        Tree(JsonNode usage) {
            this.usage = usage;
        }

        @Override
        OptionalLong count(String field) {
            JsonNode value = usage.get(field);
            return value != null && value.isIntegralNumber() ? OptionalLong.of(value.asLong()) : OptionalLong.empty();
        }

        @Override
        UsageFields object(String field) {
            return new Tree(usage.path(field));
        }
    }

    /** An object in {@code body[start, end)}, its bounds found by the scan. */
    private static final class Bytes extends UsageFields {
        private static final int MAX_DIGITS = 18; // any 18 digits fit in a long
        private final byte[] body;
        private final int start;
        private final int end;
        private UsageFields tree; // parsed when first needed

        Bytes(byte[] body, int start, int end) {
            this.body = body;
            this.start = start;
            this.end = end;
        }

        @Override
        OptionalLong count(String field) {
            long span = TopLevelScan.valueSpan(body, start, end, field, true);
            if (span == TopLevelScan.NOT_FOUND) {
                return OptionalLong.empty();
            }
            if (span == TopLevelScan.UNSURE) {
                return tree().count(field);
            }
            int from = TopLevelScan.start(span);
            int to = TopLevelScan.end(span);
            byte first = body[from];
            if (first != '-' && (first < '0' || first > '9')) {
                return OptionalLong.empty(); // a string, an object, true, null...: not a count
            }
            long value = plainInteger(from, to);
            return value >= 0 ? OptionalLong.of(first == '-' ? -value : value) : tree().count(field);
        }

        @Override
        UsageFields object(String field) {
            long span = TopLevelScan.valueSpan(body, start, end, field, true);
            if (span == TopLevelScan.NOT_FOUND) {
                return NONE;
            }
            return span == TopLevelScan.UNSURE ? tree().object(field) : bytes(body, span);
        }

        /** The magnitude of {@code -?(0|[1-9][0-9]*)} in {@code body[from, to)}, or -1 when it is not that. */
        private long plainInteger(int from, int to) {
            int i = body[from] == '-' ? from + 1 : from;
            int digits = to - i;
            if (digits < 1 || digits > MAX_DIGITS || (body[i] == '0' && digits > 1)) {
                return -1;
            }
            long value = 0;
            for (; i < to; i++) {
                byte c = body[i];
                if (c < '0' || c > '9') {
                    return -1; // a fraction, an exponent, or not a number: as a parser reads it
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }

        /** The usage object parsed, once: what the bytes alone cannot tell is asked of it. */
        private UsageFields tree() {
            if (tree == null) {
                tree = tree(TopLevelField.valueAt(body, start, end));
            }
            return tree;
        }
    }
}
