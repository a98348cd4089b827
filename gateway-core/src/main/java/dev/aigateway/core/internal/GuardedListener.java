package dev.aigateway.core.internal;

import dev.aigateway.core.event.AttemptInfo;
import dev.aigateway.core.event.CacheLookup;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.event.CallResult;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.event.Usage;
import dev.aigateway.core.hooks.HookReport;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls each of several listeners in turn, so that one that throws neither changes the answer nor
 * keeps the others from hearing the event. The first failure of each listener class is logged, by
 * type only (a message may quote a request). Internal: not part of the API.
 */
public final class GuardedListener implements EventListener {
    private static final Logger LOG = Logger.getLogger(GuardedListener.class.getName());
    private static final Set<Class<?>> REPORTED = ConcurrentHashMap.newKeySet();

    private final List<EventListener> listeners;

    private GuardedListener(List<EventListener> listeners) {
        this.listeners = listeners;
    }

    /** One listener for the call from each factory; {@link EventListener#NONE} when there are none. */
    public static EventListener create(List<EventListener.Factory> factories, CallInfo call) {
        if (factories.isEmpty()) {
            return EventListener.NONE;
        }
        EventListener[] created = new EventListener[factories.size()];
        for (int i = 0; i < created.length; i++) {
            EventListener.Factory factory = factories.get(i);
            try {
                created[i] = factory.create(call);
            } catch (RuntimeException e) {
                report(factory, e);
                created[i] = EventListener.NONE;
            }
        }
        return new GuardedListener(List.of(created));
    }

    private void each(Consumer<EventListener> event) {
        for (EventListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                report(listener, e);
            }
        }
    }

    private static void report(Object listener, RuntimeException e) {
        if (REPORTED.add(listener.getClass())) {
            LOG.log(
                    Level.WARNING,
                    "event listener " + listener.getClass().getName() + " failed with "
                            + e.getClass().getName() + "; its later failures are not logged");
        }
    }

    @Override
    public void callStart(CallInfo call) {
        each(l -> l.callStart(call));
    }

    @Override
    public void attemptStart(CallInfo call, AttemptInfo attempt) {
        each(l -> l.attemptStart(call, attempt));
    }

    @Override
    public void attemptEnd(CallInfo call, AttemptInfo attempt, int status) {
        each(l -> l.attemptEnd(call, attempt, status));
    }

    @Override
    public void attemptFailed(CallInfo call, AttemptInfo attempt, IOException cause) {
        each(l -> l.attemptFailed(call, attempt, cause));
    }

    @Override
    public void retry(CallInfo call, AttemptInfo attempt, Duration delay) {
        each(l -> l.retry(call, attempt, delay));
    }

    @Override
    public void firstEvent(CallInfo call, AttemptInfo attempt) {
        each(l -> l.firstEvent(call, attempt));
    }

    @Override
    public void streamEnd(CallInfo call, AttemptInfo attempt, boolean complete, Usage usage) {
        each(l -> l.streamEnd(call, attempt, complete, usage));
    }

    @Override
    public void cacheLookup(CallInfo call, CacheLookup lookup) {
        each(l -> l.cacheLookup(call, lookup));
    }

    @Override
    public void hooks(CallInfo call, HookReport report) {
        each(l -> l.hooks(call, report));
    }

    @Override
    public void callEnd(CallInfo call, CallResult result) {
        each(l -> l.callEnd(call, result));
    }
}
