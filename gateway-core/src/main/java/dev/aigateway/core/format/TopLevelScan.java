package dev.aigateway.core.format;

/**
 * Finds where the value of one top-level field of a JSON object lies, by looking at the bytes'
 * structure (strings, brackets, commas) without tokenizing: reading an answer's usage used to
 * tokenize every value before it. Lenient: it does not check that the values it passes over are
 * valid JSON (the value it finds is parsed, so that one is). Whatever it cannot tell for sure (a
 * key written with escapes, a body that is not an object) it leaves to a parser.
 */
final class TopLevelScan {
    /** The object has no such field. */
    static final long NOT_FOUND = -1;
    /** Not decided here: ask a parser. */
    static final long UNSURE = -2;

    private TopLevelScan() {}

    /**
     * The value of {@code name} (plain ASCII) in the object {@code body}: its start index in the
     * high 32 bits and its end (exclusive) in the low ones, or {@link #NOT_FOUND} or {@link #UNSURE}.
     * The first field of that name, as a parser stopping there finds it.
     */
    static long valueSpan(byte[] body, String name) {
        return valueSpan(body, 0, body.length, name, false);
    }

    /**
     * As {@link #valueSpan(byte[], String)}, for the object in {@code body[from, to)}; with {@code
     * last}, the last field of that name, as a tree of the object keeps it.
     */
    static long valueSpan(byte[] body, int from, int to, String name, boolean last) {
        int i = skipSpace(body, from, to);
        if (i >= to || body[i] != '{') {
            return UNSURE;
        }
        i = skipSpace(body, i + 1, to);
        if (i < to && body[i] == '}') {
            return NOT_FOUND;
        }
        long found = NOT_FOUND;
        while (i < to && body[i] == '"') {
            int keyEnd = stringEnd(body, i, to);
            if (keyEnd < 0 || contains(body, i + 1, keyEnd, (byte) '\\')) {
                return UNSURE;
            }
            boolean wanted = equals(body, i + 1, keyEnd, name);
            i = skipSpace(body, keyEnd + 1, to);
            if (i >= to || body[i] != ':') {
                return UNSURE;
            }
            int start = skipSpace(body, i + 1, to);
            int end = valueEnd(body, start, to);
            if (end < 0) {
                return UNSURE;
            }
            if (wanted) {
                found = ((long) start << 32) | end;
                if (!last) {
                    return found;
                }
            }
            i = skipSpace(body, end, to);
            if (i < to && body[i] == '}') {
                return found;
            }
            if (i >= to || body[i] != ',') {
                return UNSURE;
            }
            i = skipSpace(body, i + 1, to);
        }
        return UNSURE;
    }

    static int start(long span) {
        return (int) (span >>> 32);
    }

    static int end(long span) {
        return (int) span;
    }

    /** The index of the quote that closes the string opening at {@code open}, or -1. */
    private static int stringEnd(byte[] body, int open, int to) {
        for (int i = open + 1; i < to; i++) {
            byte c = body[i];
            if (c == '\\') {
                i++; // the escaped character, a quote included
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** Just past the value starting at {@code start}, or -1 when it does not end. */
    private static int valueEnd(byte[] body, int start, int to) {
        if (start >= to) {
            return -1;
        }
        byte first = body[start];
        if (first == '"') {
            int close = stringEnd(body, start, to);
            return close < 0 ? -1 : close + 1;
        }
        if (first == '{' || first == '[') {
            int depth = 0;
            for (int i = start; i < to; i++) {
                byte c = body[i];
                if (c == '"') {
                    i = stringEnd(body, i, to);
                    if (i < 0) {
                        return -1;
                    }
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    return i + 1;
                }
            }
            return -1;
        }
        int i = start;
        while (i < to && body[i] != ',' && body[i] != '}' && body[i] != ']' && !space(body[i])) {
            i++;
        }
        return i == start ? -1 : i;
    }

    private static int skipSpace(byte[] body, int i, int to) {
        while (i < to && space(body[i])) {
            i++;
        }
        return i;
    }

    private static boolean space(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private static boolean contains(byte[] body, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (body[i] == wanted) {
                return true;
            }
        }
        return false;
    }

    private static boolean equals(byte[] body, int from, int to, String name) {
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (body[from + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
