package dev.aigateway.core.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import dev.aigateway.core.Cancellation;
import dev.aigateway.core.error.GatewayException;
import org.junit.jupiter.api.Test;

class CancellableTextTest {
    @Test
    void readingStopsWithinAFewThousandCharactersOfTheCancel() {
        Cancellation cancellation = Cancellation.none();
        CharSequence text = RegexBudget.forRequest(cancellation).watched("a".repeat(100_000));
        for (int i = 0; i < 10_000; i++) {
            text.charAt(i);
        }
        cancellation.cancel();

        int[] read = {0};
        GatewayException e = assertThrows(GatewayException.class, () -> {
            for (int i = 10_000; i < text.length(); i++) {
                text.charAt(i);
                read[0]++;
            }
        });

        assertEquals(499, e.status());
        assertTrue(read[0] < CancellableText.CHECK_EVERY, "read " + read[0] + " characters after the cancel");
    }

    @Test
    void aMatchInProgressStopsWhenTheCallerGoesAway() {
        Cancellation cancellation = Cancellation.none();
        RegexBudget budget = new RegexBudget(cancellation, Long.MAX_VALUE);
        // The matcher reads the text through charAt; cancel from inside, as a disconnect would, mid-match.
        String value = "a".repeat(1_000_000);
        CharSequence watched = budget.watched(value);
        CharSequence cancelling = new CharSequence() {
            private int reads;

            @Override
            public char charAt(int index) {
                if (++reads == 50_000) {
                    cancellation.cancel();
                }
                return watched.charAt(index);
            }

            @Override
            public int length() {
                return watched.length();
            }

            @Override
            public CharSequence subSequence(int start, int end) {
                return watched.subSequence(start, end);
            }

            @Override
            public String toString() {
                return value;
            }
        };

        GatewayException e = assertThrows(
                GatewayException.class,
                () -> Pattern.compile("b").matcher(cancelling).find());

        assertEquals(499, e.status());
    }
}
