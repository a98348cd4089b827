package dev.aigateway.core.internal.routing;

import dev.aigateway.core.Cancellation;
import dev.aigateway.core.config.ConfigLimits;
import dev.aigateway.core.error.GatewayException;

/**
 * The {@code $regex} work one request may still do, and the request's cancellation. RE2 steps
 * through each character of a text with at most one thread per instruction of the pattern, so a
 * match costs at most (characters + 1) x instructions; that is charged before the match runs, and
 * a request whose conditions would spend more than {@link ConfigLimits#MAX_REGEX_STEPS_PER_REQUEST}
 * gets a 400 instead of the CPU. One per request; thread-safe, for targets a hedge tries at once.
 */
final class RegexBudget {
    /** Answered when the caller went away during routing; nobody reads it. */
    static final int CANCELLED_STATUS = 499;

    private final Cancellation cancellation;
    private long remaining;

    RegexBudget(Cancellation cancellation, long steps) {
        this.cancellation = cancellation;
        this.remaining = steps;
    }

    static RegexBudget forRequest(Cancellation cancellation) {
        return new RegexBudget(cancellation, ConfigLimits.MAX_REGEX_STEPS_PER_REQUEST);
    }

    /** The most characters a pattern of {@code instructions} may still read. */
    synchronized long charsLeft(int instructions) {
        return Math.max(0, remaining / Math.max(1, instructions) - 1);
    }

    /** Charges a match of {@code chars} characters; refuses it when the budget cannot pay. */
    synchronized void charge(long chars, int instructions, String field) {
        if (chars > charsLeft(instructions)) {
            throw overBudget(Long.toString(chars), instructions, field);
        }
        remaining -= (chars + 1) * Math.max(1, instructions);
    }

    GatewayException overBudget(String chars, int instructions, String field) {
        return GatewayException.badRequest("Conditional routing: $regex on '" + field + "' would read " + chars
                + " characters with a pattern of " + instructions + " instructions; one request may spend "
                + ConfigLimits.MAX_REGEX_STEPS_PER_REQUEST + " steps (characters x instructions) on $regex");
    }

    /** {@code text} as the matcher reads it: reading stops soon after the caller goes away. */
    CharSequence watched(String text) {
        return new CancellableText(text, this);
    }

    void stopIfCancelled() {
        if (cancellation.isCancelled()) {
            throw new GatewayException(CANCELLED_STATUS, "The request was cancelled by the caller");
        }
    }
}
