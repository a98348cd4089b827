package dev.aigateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Turns one {@code createHeaders} option value into header text, or into nothing when Node's SDK
 * would treat it as empty. The rules, in order:
 *
 * <ul>
 *   <li>{@code null}, a blank string, an empty collection, array or map, and an object that
 *       serialises to {@code {}} are dropped;
 *   <li>a string is kept as is (not trimmed), a boolean becomes {@code "true"}/{@code "false"};
 *   <li>a number becomes decimal text without exponent ({@code 5000}, {@code 1.5}); {@code 0} and
 *       {@code NaN} are dropped (Node sends {@code ""} for them, see {@link Portkey});
 *   <li>anything else (maps, lists, {@link ConfigValue}s, beans) becomes compact JSON with
 *       non-ASCII characters escaped.
 * </ul>
 */
final class OptionValue {
    private OptionValue() {}

    static Optional<String> encode(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return text(value.toString());
        }
        if (value instanceof Boolean) {
            return Optional.of(value.toString());
        }
        if (value instanceof Number number) {
            return number(number);
        }
        return fromTree(HeaderJson.tree(value));
    }

    private static Optional<String> fromTree(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return text(node.textValue());
        }
        if (node.isBoolean()) {
            return Optional.of(node.asText());
        }
        if (node.isNumber()) {
            return number(node.numberValue());
        }
        return node.isEmpty() ? Optional.empty() : Optional.of(HeaderJson.write(node));
    }

    private static Optional<String> text(String text) {
        return isBlank(text) ? Optional.empty() : Optional.of(text);
    }

    /** JavaScript's {@code trim()} also strips no-break spaces and the BOM; Java's isBlank does not. */
    private static boolean isBlank(String text) {
        return text.chars().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF');
    }

    private static Optional<String> number(Number number) {
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (Double.isNaN(d)) {
                return Optional.empty();
            }
            if (Double.isInfinite(d)) {
                return Optional.of(d > 0 ? "Infinity" : "-Infinity"); // what JavaScript's String() gives
            }
        }
        BigDecimal decimal = decimal(number);
        if (decimal.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(decimal.stripTrailingZeros().toPlainString());
    }

    private static BigDecimal decimal(Number number) {
        try {
            // toString keeps every digit of longs and BigIntegers, and Double.toString is exact enough.
            return new BigDecimal(number.toString());
        } catch (NumberFormatException e) {
            return BigDecimal.valueOf(number.doubleValue()); // a custom Number with a fancy toString
        }
    }
}
