package dev.aigateway.core.internal.routing;

import dev.aigateway.core.Cancellation;
import dev.aigateway.core.config.Strategy;
import dev.aigateway.core.config.Target;
import dev.aigateway.core.config.TargetPath;
import dev.aigateway.core.event.EventListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fallback with {@code hedge_after_ms}: the targets in order, as a fallback tries them, except
 * that when the target last started has not answered within that time (a stream: not sent its
 * first event), the next one is started too. The first answer that would end a fallback (a 2xx, a
 * status not to move on from, a gateway exception) wins and the others are cancelled; a failure
 * only starts the next target when nothing else is running. When every target failed, the answer
 * of the last in config order is returned, as a fallback would.
 *
 * <p>The request's thread waits and decides; each target runs on a {@link HedgeThreads} thread
 * with its own cancellation (linked to the caller's) and sees the call's listener one call at a
 * time. One per routed node.
 */
final class HedgedFallback {
    private final Target node;
    private final Inherited own;
    private final TargetPath path;
    private final RouteContext context;
    private final Router router;
    private final Strategy strategy;
    private final EventListener listener;
    private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
    private final List<Running> running = new ArrayList<>();
    private boolean decided;

    /** A target started, and how to stop it. */
    private record Running(int index, Cancellation cancellation, Cancellation.Registration link) {}

    /** A target's answer, or what it threw. */
    private record Finished(Running target, RoutedResponse answer, RuntimeException failure) {}

    HedgedFallback(Target node, Inherited own, TargetPath path, RouteContext context, Router router) {
        this.node = node;
        this.own = own;
        this.path = path;
        this.context = context;
        this.router = router;
        this.strategy = node.strategy().orElseThrow();
        this.listener = SerializedListener.of(context.listener());
    }

    RoutedResponse route(long hedgeAfterMillis) {
        context.call().params(); // parsed here, before the targets' threads read it
        Candidates candidates = new Candidates(node, own, path, context, router);
        long hedgeAfter = TimeUnit.MILLISECONDS.toNanos(hedgeAfterMillis);
        RoutedResponse lastFailure = null;
        int lastFailureIndex = -1;
        try {
            boolean more = start(candidates);
            long nextStart = System.nanoTime() + hedgeAfter;
            while (!running.isEmpty()) {
                Finished done =
                        more ? finished.poll(nextStart - System.nanoTime(), TimeUnit.NANOSECONDS) : finished.take();
                if (done == null) {
                    more = start(candidates);
                    nextStart = System.nanoTime() + hedgeAfter;
                    continue;
                }
                running.remove(done.target());
                if (done.failure() != null) {
                    throw done.failure();
                }
                RoutedResponse answer = done.answer();
                if (FallbackRoute.isFinal(strategy, answer)
                        || context.call().cancellation().isCancelled()) {
                    // The winner keeps its link: a caller who leaves mid-stream still cancels it.
                    if (lastFailure != null) {
                        lastFailure.response().discard();
                    }
                    return answer;
                }
                done.target().link().close();
                if (done.target().index() > lastFailureIndex) {
                    if (lastFailure != null) {
                        lastFailure.response().discard();
                    }
                    lastFailure = answer;
                    lastFailureIndex = done.target().index();
                } else {
                    answer.response().discard();
                }
                if (running.isEmpty() && more) {
                    more = start(candidates);
                    nextStart = System.nanoTime() + hedgeAfter;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.call().cancellation().cancel();
        } finally {
            stopTheRest();
        }
        if (lastFailure == null) {
            throw new IllegalStateException("a hedged fallback ended without an answer");
        }
        return lastFailure.asFallbackExhausted();
    }

    /** Starts the next candidate; false when there was none left. */
    private boolean start(Candidates candidates) {
        Optional<Candidates.Candidate> next = candidates.next();
        if (next.isEmpty()) {
            return false;
        }
        Candidates.Candidate candidate = next.get();
        Cancellation own = new Cancellation();
        Cancellation.Registration link = context.call().cancellation().onCancel(own::cancel);
        Running target = new Running(candidate.index(), own, link);
        running.add(target);
        RouteContext hedged = context.forHedge(own, listener);
        HedgeThreads.start(() -> {
            Finished done;
            try {
                done = new Finished(
                        target,
                        router.tryTarget(node, candidate.index(), this.own, path, hedged, candidate.pass()),
                        null);
            } catch (RuntimeException e) {
                done = new Finished(target, null, e);
            }
            deliver(done);
        });
        return true;
    }

    /** Hands an answer to the waiting thread, or discards it once the race is decided. */
    private void deliver(Finished done) {
        synchronized (this) {
            if (!decided) {
                finished.add(done);
                return;
            }
        }
        if (done.answer() != null) {
            done.answer().response().discard();
        }
    }

    /** Cancels the targets still running and discards answers not yet taken. */
    private void stopTheRest() {
        synchronized (this) {
            decided = true;
        }
        for (Running target : running) {
            target.cancellation().cancel();
            target.link().close();
        }
        for (Finished done = finished.poll(); done != null; done = finished.poll()) {
            done.target().link().close();
            if (done.answer() != null) {
                done.answer().response().discard();
            }
        }
    }
}
