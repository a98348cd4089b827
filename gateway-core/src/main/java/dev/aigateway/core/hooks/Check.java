package dev.aigateway.core.hooks;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One check a hook can name, such as {@code default.regexMatch}: it judges the request (before) or
 * the answer (after) and may rewrite it. Implementations are thread-safe; they may block on I/O
 * within their own timeouts. An exception is reported as Portkey reports a crashed plugin
 * ({@code "Check error"}, verdict false), which fails the hook only with {@code failOnError}.
 * Custom checks are added with {@link Guardrails.Builder#check}.
 */
@FunctionalInterface
public interface Check {
    /**
     * Judges {@code context}.
     *
     * @param parameters the check's {@code parameters} from the config, a copy the check may keep
     */
    CheckOutcome run(CheckContext context, ObjectNode parameters) throws Exception;
}
