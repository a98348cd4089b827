package dev.aigateway.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionRegexTest {
    /** The estimate must never be below what RE2/J compiles, or a pattern could slip past the guard. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "^(.*a){8}$",
                "a{1000}",
                "(a{10}){10}",
                "[a-z]{2,50}@[a-z]{2,50}\\.com",
                "(?i)^gpt-4o(-mini)?$",
                "(?P<name>x|y|z)+?",
                "(?:ab|cd)*[^\\]x]{3,}",
                "\\p{Greek}{5}\\x{e9}{4}",
                "\\Qa.b{5}\\E{3}",
                "[[:alpha:]]{20}",
                "(((a|b|c|d){5}){5})",
                "^$|\\bword\\b",
            })
    void theSizeEstimateIsAnUpperBound(String regex) {
        Pattern pattern = Pattern.compile(regex);
        long estimate = RegexSizeEstimate.of(regex, Long.MAX_VALUE / 4);
        assertTrue(estimate >= pattern.programSize(), estimate + " < " + pattern.programSize());
        assertTrue(
                estimate <= 4L * pattern.programSize() + 8,
                "estimate " + estimate + " far above " + pattern.programSize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"((a{1000}){1000}){1000}", "(((((a{9}){9}){9}){9}){9}){9}", "(x{1000}y{1000}){1000}"})
    void nestedCountsAreRefusedBeforeCompiling(String regex) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConditionRegex.compile(regex));
        assertTrue(e.getMessage().startsWith("the pattern compiles to more than 50000 instructions"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\u00e9", "\\\\u00e9", "\\u00e", "[\\u0041-\\u005A]"})
    void javaScriptUnicodeEscapesBecomeRe2Escapes(String regex) {
        String expected =
                switch (regex) {
                    case "a\\u00e9" -> "a\\x{00e9}";
                    case "[\\u0041-\\u005A]" -> "[\\x{0041}-\\x{005A}]";
                    default -> regex; // an escaped backslash, or not four hex digits: left alone
                };
        assertEquals(expected, ConditionRegex.fromJavaScript(regex));
    }
}
