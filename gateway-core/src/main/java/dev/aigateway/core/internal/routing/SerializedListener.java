package dev.aigateway.core.internal.routing;

import dev.aigateway.core.event.AttemptInfo;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.event.CallResult;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.event.Usage;
import dev.aigateway.core.hooks.HookReport;
import java.io.IOException;
import java.time.Duration;

/**
 * A call's listener as the targets of a hedge, tried at once on several threads, call it: one at a
 * time, so that a listener keeping the call's state in fields sees its calls in order, as it does
 * on one thread.
 */
final class SerializedListener implements EventListener {
    private final EventListener delegate;

    SerializedListener(EventListener delegate) {
        this.delegate = delegate;
    }

    static EventListener of(EventListener listener) {
        return listener == EventListener.NONE ? listener : new SerializedListener(listener);
    }

    @Override
    public synchronized void callStart(CallInfo call) {
        delegate.callStart(call);
    }

    @Override
    public synchronized void attemptStart(CallInfo call, AttemptInfo attempt) {
        delegate.attemptStart(call, attempt);
    }

    @Override
    public synchronized void attemptEnd(CallInfo call, AttemptInfo attempt, int status) {
        delegate.attemptEnd(call, attempt, status);
    }

    @Override
    public synchronized void attemptFailed(CallInfo call, AttemptInfo attempt, IOException cause) {
        delegate.attemptFailed(call, attempt, cause);
    }

    @Override
    public synchronized void retry(CallInfo call, AttemptInfo attempt, Duration delay) {
        delegate.retry(call, attempt, delay);
    }

    @Override
    public synchronized void firstEvent(CallInfo call, AttemptInfo attempt) {
        delegate.firstEvent(call, attempt);
    }

    @Override
    public synchronized void streamEnd(CallInfo call, AttemptInfo attempt, boolean complete, Usage usage) {
        delegate.streamEnd(call, attempt, complete, usage);
    }

    @Override
    public synchronized void hooks(CallInfo call, HookReport report) {
        delegate.hooks(call, report);
    }

    @Override
    public synchronized void callEnd(CallInfo call, CallResult result) {
        delegate.callEnd(call, result);
    }
}
