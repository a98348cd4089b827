package dev.aigateway.core.config;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles the {@code $regex} patterns of conditional routing with RE2/J, whose matching time grows
 * linearly with the text (a backtracking engine, Java's or JavaScript's, can take exponential time:
 * {@code ^(.*a){8}$} against 50 characters took seconds). RE2 has no lookaround and no
 * backreferences; such patterns, and patterns over the limits of {@link ConfigLimits}, are refused
 * when the config is parsed. JavaScript's {@code \}{@code uHHHH} escape is accepted as RE2's
 * {@code \x{HHHH}}. Thread-safe.
 */
public final class ConditionRegex {
    /**
     * Patterns whose estimated size is above this are refused before RE2/J compiles them: it
     * expands counted repetitions while compiling, and {@code ((a{1000}){1000}){1000}} would take
     * gigabytes. The estimate is an upper bound; the compiled size is checked exactly afterwards.
     */
    private static final long MAX_ESTIMATE = 10L * ConfigLimits.MAX_REGEX_PROGRAM;

    private ConditionRegex() {}

    /**
     * The compiled {@code regex}.
     *
     * @throws IllegalArgumentException when it is refused; the message says why, for the caller
     */
    public static Pattern compile(String regex) {
        if (regex.length() > ConfigLimits.MAX_REGEX_CHARS) {
            throw new IllegalArgumentException("the pattern is " + regex.length() + " characters long; the limit is "
                    + ConfigLimits.MAX_REGEX_CHARS);
        }
        String re2 = fromJavaScript(regex);
        if (RegexSizeEstimate.of(re2, MAX_ESTIMATE) > MAX_ESTIMATE) {
            throw tooLarge("more than " + MAX_ESTIMATE);
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(re2);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription() + ": `" + abbreviate(e.getPattern())
                    + "`; patterns run on RE2, which matches in linear time and has no lookahead,"
                    + " lookbehind or backreferences");
        }
        if (pattern.programSize() > ConfigLimits.MAX_REGEX_PROGRAM) {
            throw tooLarge(Integer.toString(pattern.programSize()));
        }
        return pattern;
    }

    private static IllegalArgumentException tooLarge(String size) {
        return new IllegalArgumentException("the pattern compiles to " + size
                + " instructions once its repetitions are counted; the limit is " + ConfigLimits.MAX_REGEX_PROGRAM);
    }

    private static String abbreviate(String fragment) {
        return fragment.length() > 40 ? fragment.substring(0, 40) + "..." : fragment;
    }

    /** Rewrites JavaScript's {@code \}{@code uHHHH} escapes as RE2's {@code \x{HHHH}}; the rest is kept. */
    static String fromJavaScript(String regex) {
        if (regex.indexOf("\\u") < 0) {
            return regex;
        }
        StringBuilder out = new StringBuilder(regex.length() + 8);
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                if (regex.charAt(i + 1) == 'u' && isHex(regex, i + 2, 4)) {
                    out.append("\\x{").append(regex, i + 2, i + 6).append('}');
                    i += 5;
                } else {
                    out.append(c).append(regex.charAt(i + 1));
                    i++;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(String text, int from, int count) {
        if (from + count > text.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
