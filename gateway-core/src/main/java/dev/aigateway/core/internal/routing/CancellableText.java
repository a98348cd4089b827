package dev.aigateway.core.internal.routing;

/**
 * A text that checks, every few thousand characters read, whether its request was cancelled, and
 * then throws: RE2/J reads its input through {@link #charAt}, so a match stops soon after the
 * caller hangs up instead of running to its end.
 */
final class CancellableText implements CharSequence {
    static final int CHECK_EVERY = 4096;

    private final String text;
    private final RegexBudget budget;
    private int reads;

    CancellableText(String text, RegexBudget budget) {
        this.text = text;
        this.budget = budget;
    }

    @Override
    public char charAt(int index) {
        if (++reads == CHECK_EVERY) {
            reads = 0;
            budget.stopIfCancelled();
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
