package dev.aigateway.core.hooks.checks;

import dev.aigateway.core.internal.BoundedCache;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The regular expressions of {@code default.regexMatch} and {@code default.regexReplace}, in
 * Java's dialect (close to JavaScript's: lookaround, back references and named groups work), with
 * bounded work: patterns are at most {@value #MAX_PATTERN} characters, and a match that reads the
 * text more than {@value #MAX_STEPS} times is stopped, so a pattern that backtracks badly costs a
 * check error rather than a thread. Compiled patterns are kept by their text and flags.
 */
final class BoundedRegex {
    static final int MAX_PATTERN = 1000;
    static final long MAX_STEPS = 5_000_000;
    private static final BoundedCache<String, Pattern> COMPILED = new BoundedCache<>(256);

    private BoundedRegex() {}

    /** A regex that could not be compiled or ran too long; its message says which. */
    static final class RegexException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RegexException(String message) {
            super(message);
        }
    }

    /** Compiles {@code pattern} with Java flags, or throws {@link RegexException}. */
    static Pattern compile(String pattern, int flags) {
        if (pattern.length() > MAX_PATTERN) {
            throw new RegexException(
                    "Invalid regular expression: the pattern is longer than " + MAX_PATTERN + " characters");
        }
        try {
            return COMPILED.get(flags + "/" + pattern, key -> Pattern.compile(pattern, flags));
        } catch (PatternSyntaxException e) {
            throw new RegexException("Invalid regular expression: /" + pattern + "/: " + e.getDescription());
        }
    }

    /** A matcher over {@code text} that stops with {@link RegexException} past the step bound. */
    static Matcher matcher(Pattern pattern, String text) {
        return pattern.matcher(new Counted(text));
    }

    /** Text that counts how often it is read. */
    private static final class Counted implements CharSequence {
        private final String text;
        private long steps;

        Counted(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if (++steps > MAX_STEPS) {
                throw new RegexException("the regular expression took too long on this text");
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
