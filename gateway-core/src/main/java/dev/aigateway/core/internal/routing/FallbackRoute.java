package dev.aigateway.core.internal.routing;

import dev.aigateway.core.config.Strategy;
import dev.aigateway.core.config.Target;
import dev.aigateway.core.config.TargetPath;
import java.util.Optional;
import java.util.Set;

/**
 * {@code fallback}: targets in order, skipping those the gates hold back (a circuit breaker's open
 * targets) unless they hold back all. After each answer it stops when the answer is a gateway
 * exception (other than a provider that does not serve the endpoint, which it moves past), when {@code on_status_codes} is given and does not hold the status, or (without
 * {@code on_status_codes}) when the status is 2xx. When every target fails, the last answer is
 * returned. With {@code hedge_after_ms} the targets may overlap ({@link HedgedFallback}).
 */
final class FallbackRoute implements Route {
    @Override
    public RoutedResponse route(Target node, Inherited own, TargetPath path, RouteContext context, Router router) {
        Strategy strategy = node.strategy().orElseThrow();
        if (strategy.hedgeAfterMillis().isPresent() && node.targets().size() > 1) {
            return new HedgedFallback(node, own, path, context, router)
                    .route(strategy.hedgeAfterMillis().getAsLong());
        }
        Candidates candidates = new Candidates(node, own, path, context, router);
        RoutedResponse last = null;
        for (Optional<Candidates.Candidate> next = candidates.next(); next.isPresent(); next = candidates.next()) {
            if (last != null) {
                last.response().discard();
            }
            Candidates.Candidate candidate = next.get();
            last = router.tryTarget(node, candidate.index(), own, path, context, candidate.pass());
            if (isFinal(strategy, last) || context.call().cancellation().isCancelled()) {
                return last;
            }
        }
        return node.targets().size() > 1 ? last.asFallbackExhausted() : last;
    }

    /** Whether {@code answer} ends the fallback: a gateway exception, or a status not to move on from. */
    static boolean isFinal(Strategy strategy, RoutedResponse answer) {
        Optional<Set<Integer>> moveOnCodes = strategy.onStatusCodes();
        int status = answer.status();
        boolean moveOn = moveOnCodes.map(codes -> codes.contains(status)).orElse(!answer.isSuccess());
        return answer.endsFallback() || (!moveOn && !answer.movesFallbackOn());
    }
}
