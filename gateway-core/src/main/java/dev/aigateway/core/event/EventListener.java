package dev.aigateway.core.event;

import dev.aigateway.core.hooks.HookReport;
import java.io.IOException;
import java.time.Duration;

/**
 * Hears what happens during each call, in OkHttp's shape: every method has an empty default, so a
 * listener overrides what it needs. Metrics, access logs and traces are listeners.
 *
 * <p>Order for one call: {@link #callStart}; for each upstream attempt {@link #attemptStart}, then
 * {@link #attemptEnd} (an HTTP answer, or a stream's headers) or {@link #attemptFailed} (no answer);
 * {@link #retry} before a retry's wait; {@link #hooks} for each target's guardrails and hooks;
 * {@link #cacheLookup} for each target whose answer a
 * response cache looks up, before its attempts; for a stream the gateway passes on,
 * {@link #firstEvent} and {@link #streamEnd}; last {@link #callEnd}, after a stream's end. Every
 * start gets exactly one end. A stream that fails before its first event is answered as a failed
 * request (retry and fallback apply): its attempt hears {@link #attemptEnd} with the headers'
 * status, then {@link #streamEnd} with {@code complete} false and no {@link #firstEvent}.
 *
 * <p>Listeners run on the request's thread, in the middle of it: they must be quick, must not
 * block, and must not call the gateway. An exception a listener throws is logged once per listener
 * class and otherwise ignored; it never changes an answer.
 */
public interface EventListener {
    /** Hears nothing; the gateway skips all listener work for it. */
    EventListener NONE = new EventListener() {};

    default void callStart(CallInfo call) {}

    default void attemptStart(CallInfo call, AttemptInfo attempt) {}

    /** The upstream answered with {@code status}; for a stream, its headers arrived. */
    default void attemptEnd(CallInfo call, AttemptInfo attempt, int status) {}

    /** No answer: a timeout, a connection that failed, a host that could not be resolved. */
    default void attemptFailed(CallInfo call, AttemptInfo attempt, IOException cause) {}

    /** The attempt's answer will be retried after {@code delay}. */
    default void retry(CallInfo call, AttemptInfo attempt, Duration delay) {}

    /** The first event of the stream the caller receives arrived from the upstream. */
    default void firstEvent(CallInfo call, AttemptInfo attempt) {}

    /**
     * The stream the caller received ended: {@code complete} when the answer arrived whole, false
     * when it was cut, reported an error, or the caller left.
     */
    default void streamEnd(CallInfo call, AttemptInfo attempt, boolean complete, Usage usage) {}

    /**
     * A response cache decided for one target before its upstream call: a hit (no upstream call
     * follows for that target), a miss or a forced refresh.
     */
    default void cacheLookup(CallInfo call, CacheLookup lookup) {}

    /**
     * One target's hooks of one kind ran: its before-request hooks before its attempts, its
     * after-request hooks on its answer (for a stream, once it has streamed). {@code async: true}
     * hooks are reported from a background thread once they finish, which may be after
     * {@link #callEnd}.
     */
    default void hooks(CallInfo call, HookReport report) {}

    default void callEnd(CallInfo call, CallResult result) {}

    /** Makes one listener per call, so that a listener may keep the call's state in fields. */
    @FunctionalInterface
    interface Factory {
        EventListener create(CallInfo call);
    }
}
