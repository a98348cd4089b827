package dev.aigateway.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeadersTest {
    @Test
    void withReplacesEveryValueOfTheNameAsABuildersSetDoes() {
        List<Headers> cases = List.of(
                Headers.empty(),
                Headers.of("content-type", "application/json"),
                Headers.of("X-Cost", "1", "a", "2", "x-cost", "3", "b", "4"),
                Headers.of("a", "1", "x-cost", "2"));
        for (Headers headers : cases) {
            Headers expected = headers.newBuilder().set("X-Cost", "0.5").build();
            Headers actual = headers.with("X-Cost", "0.5");
            assertEquals(expected, actual, headers.toString());
            assertEquals(List.of("0.5"), actual.values("x-cost"));
        }
    }
}
