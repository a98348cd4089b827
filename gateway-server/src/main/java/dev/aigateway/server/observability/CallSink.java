package dev.aigateway.server.observability;

/** Takes each finished call: the access log, the metrics, the console, the traces. Must be quick. */
@FunctionalInterface
public interface CallSink {
    void accept(CallRecord call);
}
