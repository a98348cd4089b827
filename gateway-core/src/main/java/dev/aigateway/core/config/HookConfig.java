package dev.aigateway.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hooks a config node sets, inherited as Portkey does: a node that sets any of
 * {@code before_request_hooks}, {@code input_guardrails} or {@code input_mutators} (even empty)
 * replaces the before-request hooks it inherits with its own, in that order; likewise for the
 * after-request ones. The default guardrails of the {@code x-portkey-default-input-guardrails} and
 * {@code -output-guardrails} headers hold at every target, after the config's.
 *
 * @param before the node's own before-request hooks; empty when it sets none of those keys
 * @param after the node's own after-request hooks, likewise
 */
public record HookConfig(
        Optional<List<HookSpec>> before,
        Optional<List<HookSpec>> after,
        List<HookSpec> defaultBefore,
        List<HookSpec> defaultAfter) {

    /** Where a node's hooks travel among its {@link TargetExtensions}. */
    public static final TargetExtensions.Key<HookConfig> KEY =
            TargetExtensions.Key.of("hooks", HookConfig.class, HookConfig::inheritedBy);

    public HookConfig {
        before = before.map(List::copyOf);
        after = after.map(List::copyOf);
        defaultBefore = List.copyOf(defaultBefore);
        defaultAfter = List.copyOf(defaultAfter);
    }

    /** Hooks set by a config node. */
    static HookConfig own(Optional<List<HookSpec>> before, Optional<List<HookSpec>> after) {
        return new HookConfig(before, after, List.of(), List.of());
    }

    /** These hooks with the default guardrails of the request's headers. */
    public HookConfig withDefaults(List<HookSpec> inputGuardrails, List<HookSpec> outputGuardrails) {
        return new HookConfig(before, after, inputGuardrails, outputGuardrails);
    }

    /** The before-request hooks a target runs: the config's, then the header's defaults. */
    public List<HookSpec> beforeHooks() {
        return concat(before.orElse(List.of()), defaultBefore);
    }

    /** The after-request hooks a target runs: the config's, then the header's defaults. */
    public List<HookSpec> afterHooks() {
        return concat(after.orElse(List.of()), defaultAfter);
    }

    public boolean isEmpty() {
        return beforeHooks().isEmpty() && afterHooks().isEmpty();
    }

    private static HookConfig inheritedBy(HookConfig parent, HookConfig own) {
        return new HookConfig(
                own.before.or(() -> parent.before),
                own.after.or(() -> parent.after),
                own.defaultBefore.isEmpty() ? parent.defaultBefore : own.defaultBefore,
                own.defaultAfter.isEmpty() ? parent.defaultAfter : own.defaultAfter);
    }

    private static List<HookSpec> concat(List<HookSpec> first, List<HookSpec> second) {
        if (second.isEmpty()) {
            return first;
        }
        List<HookSpec> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
