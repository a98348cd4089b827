package dev.aigateway.examples;

import com.openai.errors.OpenAIException;
import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The claims an example makes, checked as it runs: each check prints {@code ok:} or
 * {@code FAILED:}, and the example's exit code says whether every claim held.
 */
public final class Story {
    private final PrintStream out;
    private int failures;

    public Story(PrintStream out) {
        this.out = out;
    }

    /** Prints whether {@code claim} holds and remembers a failure. */
    public void check(boolean holds, String claim) {
        out.println("  " + (holds ? "ok: " : "FAILED: ") + claim);
        if (!holds) {
            failures++;
        }
    }

    /** Checks that {@code answer} came from {@code provider} through the config target {@code optionIndex}. */
    public void checkAnsweredBy(Answer answer, String provider, String modelPrefix, String optionIndex) {
        check(
                answer.provider().equals(provider)
                        && answer.model().startsWith(modelPrefix)
                        && answer.optionIndex().equals(optionIndex)
                        && !answer.text().isEmpty(),
                provider + " (" + modelPrefix + ") answered through " + optionIndex);
    }

    /**
     * Runs one call through the gateway. A failure (the gateway unreachable, or an error answer) is
     * printed as a failed check instead of a stack trace.
     */
    public Optional<Answer> call(Supplier<Answer> call) {
        try {
            return Optional.of(call.get());
        } catch (OpenAIException e) {
            check(false, GatewayClient.failure(e));
        }
        return Optional.empty();
    }

    public boolean holds() {
        return failures == 0;
    }

    /** Prints the verdict and returns the exit code: 0 when every claim held, 1 otherwise. */
    public int end(String moral) {
        out.println();
        if (holds()) {
            out.println("The story holds: " + moral);
            return 0;
        }
        out.println("The story does NOT hold: " + failures + " check(s) failed.");
        return 1;
    }
}
