package dev.aigateway.core.internal.routing;

import dev.aigateway.core.config.Target;
import dev.aigateway.core.config.TargetPath;
import dev.aigateway.core.pipeline.TargetGate;
import java.util.Optional;

/**
 * A fallback's targets in order, each admitted by the gates when reached. When the gates held every
 * target back, the targets come again in order with the passes that held them back: the gates are
 * then bypassed rather than the request refused. Used by one thread.
 */
final class Candidates {
    /** A target to try, and the pass to tell how it answered. */
    record Candidate(int index, TargetGate.Pass pass) {}

    private final Target node;
    private final Inherited own;
    private final TargetPath path;
    private final RouteContext context;
    private final Router router;
    private final TargetGate.Pass[] heldBack;
    private int next;
    private boolean admittedAny;
    private boolean bypassing;

    Candidates(Target node, Inherited own, TargetPath path, RouteContext context, Router router) {
        this.node = node;
        this.own = own;
        this.path = path;
        this.context = context;
        this.router = router;
        this.heldBack = new TargetGate.Pass[node.targets().size()];
    }

    /** The next target to try, or empty when there is none left. */
    Optional<Candidate> next() {
        int size = node.targets().size();
        while (!bypassing && next < size) {
            int index = next++;
            TargetGate.Pass pass = router.admit(node, index, own, path, context);
            if (pass.allowed()) {
                admittedAny = true;
                return Optional.of(new Candidate(index, pass));
            }
            heldBack[index] = pass;
        }
        if (!bypassing) {
            if (admittedAny) {
                return Optional.empty();
            }
            bypassing = true;
            next = 0;
        }
        return next < size ? Optional.of(new Candidate(next, heldBack[next++])) : Optional.empty();
    }
}
