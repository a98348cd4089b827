package dev.aigateway.core.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * One hook of a config, as Portkey's hook object: {@code {id, type, checks, deny, async,
 * sequential, on_fail, on_success}}, written out or made from the {@code input_guardrails} style
 * shorthand.
 *
 * @param type absent when the config gave none: no check runs and the verdict is true, as in Portkey
 * @param deny whether a failed verdict refuses the request (446)
 * @param async whether the hook runs after the answer, its results going to the event listener
 * @param sequential whether a guardrail's checks run one after another, each seeing the previous
 *     one's rewrite (a mutator's always do)
 * @param onFail Portkey's {@code on_fail}, whose {@code feedback} is reported on a failed verdict
 * @param onSuccess Portkey's {@code on_success}, likewise on a passed one
 */
public record HookSpec(
        Optional<String> id,
        Optional<HookType> type,
        List<CheckSpec> checks,
        boolean deny,
        boolean async,
        boolean sequential,
        Optional<ObjectNode> onFail,
        Optional<ObjectNode> onSuccess) {
    public HookSpec {
        checks = List.copyOf(checks);
        onFail = onFail.map(ObjectNode::deepCopy);
        onSuccess = onSuccess.map(ObjectNode::deepCopy);
    }

    @Override
    public Optional<ObjectNode> onFail() {
        return onFail.map(ObjectNode::deepCopy);
    }

    @Override
    public Optional<ObjectNode> onSuccess() {
        return onSuccess.map(ObjectNode::deepCopy);
    }
}
