package dev.aigateway.core.config;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An upper bound, read from the pattern text alone, of how many instructions RE2/J compiles a
 * pattern to. RE2/J copies a counted repetition's operand once per count while compiling, so a
 * 24-character pattern of nested counts can need gigabytes; this bound lets such a pattern be
 * refused before it is compiled. It over-counts rather than under-counts (each literal, class,
 * assertion or escape is 1, a group adds 2, an operator adds 1, {@code x{n,m}} is
 * {@code (size(x) + 1) * m}, plus a few for the program's start and end); syntax errors are left
 * for RE2/J to report.
 */
final class RegexSizeEstimate {
    /** Instructions every program has: failure, match and the whole-match capture. */
    private static final long FIXED = 4;

    private long total = FIXED;
    private long last;
    private final Deque<long[]> groups = new ArrayDeque<>();

    private RegexSizeEstimate() {}

    /** The estimate, or some value above {@code stopAbove} as soon as the estimate passes it. */
    static long of(String regex, long stopAbove) {
        RegexSizeEstimate estimate = new RegexSizeEstimate();
        int i = 0;
        while (i < regex.length() && estimate.sum() <= stopAbove) {
            i = estimate.step(regex, i);
        }
        return estimate.sum();
    }

    private long sum() {
        long sum = total;
        for (long[] group : groups) {
            sum += group[0];
        }
        return sum;
    }

    /** Reads one token at {@code i}; returns where the next one starts. */
    private int step(String regex, int i) {
        char c = regex.charAt(i);
        switch (c) {
            case '\\' -> {
                return escape(regex, i);
            }
            case '[' -> {
                atom(1);
                return afterClass(regex, i);
            }
            case '(' -> {
                return openGroup(regex, i);
            }
            case ')' -> {
                closeGroup();
                return i + 1;
            }
            case '|' -> {
                total += 1;
                last = 0;
                return i + 1;
            }
            case '*', '+', '?' -> {
                total += 1;
                last += 1;
                return i + 1;
            }
            case '{' -> {
                return repeat(regex, i);
            }
            default -> {
                atom(1);
                return i + 1;
            }
        }
    }

    private void atom(long size) {
        total += size;
        last = size;
    }

    private int escape(String regex, int i) {
        if (i + 1 >= regex.length()) {
            atom(1);
            return i + 1;
        }
        char next = regex.charAt(i + 1);
        if (next == 'Q') {
            int end = regex.indexOf("\\E", i + 2);
            int stop = end < 0 ? regex.length() : end;
            atom(Math.max(1, stop - (i + 2)));
            return end < 0 ? stop : end + 2;
        }
        atom(1);
        if ((next == 'p' || next == 'P' || next == 'x') && i + 2 < regex.length() && regex.charAt(i + 2) == '{') {
            int close = regex.indexOf('}', i + 3);
            return close < 0 ? regex.length() : close + 1;
        }
        return i + 2;
    }

    private static int afterClass(String regex, int i) {
        int j = i + 1;
        if (j < regex.length() && regex.charAt(j) == '^') {
            j++;
        }
        if (j < regex.length() && regex.charAt(j) == ']') {
            j++; // a leading ] is a literal
        }
        while (j < regex.length()) {
            char c = regex.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == '[' && regex.startsWith("[:", j)) {
                int close = regex.indexOf(":]", j + 2);
                j = close < 0 ? j + 1 : close + 2;
            } else if (c == ']') {
                return j + 1;
            } else {
                j++;
            }
        }
        return regex.length();
    }

    private int openGroup(String regex, int i) {
        int j = i + 1;
        if (regex.startsWith("?", j)) {
            j++;
            if (j < regex.length() && (regex.charAt(j) == 'P' || regex.charAt(j) == '<')) {
                int close = regex.indexOf('>', j);
                j = close < 0 ? regex.length() : close + 1;
            } else {
                while (j < regex.length() && regex.charAt(j) != ':' && regex.charAt(j) != ')') {
                    j++;
                }
                if (j < regex.length() && regex.charAt(j) == ')') {
                    return j + 1; // flags only, such as (?i): no group
                }
                j++;
            }
        }
        groups.push(new long[] {total, last});
        total = 0;
        last = 0;
        return j;
    }

    private void closeGroup() {
        if (groups.isEmpty()) {
            atom(1);
            return;
        }
        long size = total + 2;
        long[] outer = groups.pop();
        total = outer[0];
        last = outer[1];
        atom(size);
    }

    /** {@code {n}}, {@code {n,}} or {@code {n,m}} multiplies the last operand; anything else is a literal. */
    private int repeat(String regex, int i) {
        int minEnd = digitsEnd(regex, i + 1);
        if (minEnd == i + 1) {
            atom(1);
            return i + 1;
        }
        long min = count(regex, i + 1, minEnd);
        long max = min;
        int j = minEnd;
        if (j < regex.length() && regex.charAt(j) == ',') {
            int maxEnd = digitsEnd(regex, j + 1);
            max = maxEnd == j + 1 ? min + 1 : count(regex, j + 1, maxEnd);
            j = maxEnd;
        }
        if (j >= regex.length() || regex.charAt(j) != '}') {
            atom(1);
            return i + 1;
        }
        long repeated = (last + 1) * Math.max(1, Math.max(min, max));
        total += repeated - last;
        last = repeated;
        return j + 1;
    }

    private static int digitsEnd(String text, int from) {
        int j = from;
        while (j < text.length() && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
            j++;
        }
        return j;
    }

    /** The count written at {@code [from, to)}, capped (RE2 refuses counts above 1000 anyway). */
    private static long count(String text, int from, int to) {
        return to - from > 6 ? 1_000_000 : Long.parseLong(text.substring(from, to));
    }
}
