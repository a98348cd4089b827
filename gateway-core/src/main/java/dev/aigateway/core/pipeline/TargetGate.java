package dev.aigateway.core.pipeline;

import dev.aigateway.core.GatewayResponse;

/**
 * Decides whether routing may try a target now, and hears how the targets it let through answered:
 * a circuit breaker, a cooldown, a health check. Register one with {@code
 * Gateway.builder().addTargetGate(...)}.
 *
 * <p>Fallback and loadbalance nodes ask every gate, in the order added, right before they would try
 * one of their targets; a target that a gate holds back is skipped (fallback moves on, loadbalance
 * picks again among the others). When the gates hold back every target of a node, the node routes
 * as if there were no gates, so a request is never refused for want of a target. Single and
 * conditional nodes do not ask. {@code x-portkey-last-used-option-index} names a target by its
 * place in the config, whatever was skipped.
 *
 * <p>Called on request threads, concurrently; keep it quick. A gate that fails should let targets
 * through.
 */
@FunctionalInterface
public interface TargetGate {
    /** Whether {@code target} may be tried now, and what to tell once it has answered. */
    Pass admit(GatedTarget target);

    /** A gate's decision about one try of one target. */
    interface Pass {
        /** Lets the target through and wants no outcome. */
        Pass OPEN = () -> true;

        /** Whether the target may be tried. */
        boolean allowed();

        /**
         * The target's answer, when it was tried (also when every target was held back and routing
         * tried it anyway). Returns the answer to pass on: {@code answer} itself, or for a stream a
         * copy whose filter hears how it ends. Not called when the caller went away first.
         */
        default GatewayResponse answered(GatewayResponse answer) {
            return answer;
        }
    }
}
