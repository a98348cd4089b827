package dev.aigateway.core.testing;

import dev.aigateway.core.pipeline.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records requested delays instead of sleeping. */
public final class RecordingSleeper implements Sleeper {
    private final List<Duration> delays = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        delays.add(duration);
    }

    public synchronized List<Duration> delays() {
        return List.copyOf(delays);
    }
}
