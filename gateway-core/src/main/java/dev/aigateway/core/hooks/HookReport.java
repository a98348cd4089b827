package dev.aigateway.core.hooks;

import java.util.List;

/**
 * What one target's hooks of one kind decided, as listeners hear it
 * ({@link dev.aigateway.core.event.EventListener#hooks}).
 *
 * @param target where the target sits in the config, e.g. {@code config.targets[1]}
 * @param provider the target's provider slug
 * @param async whether these are {@code async: true} hooks, run after the answer was sent
 * @param results every hook's result, skipped ones included, in the config's order
 */
public record HookReport(String target, String provider, HookEvent event, boolean async, List<HookResult> results) {
    public HookReport {
        results = List.copyOf(results);
    }

    /** Whether a hook refused the request (before) or the answer (after). */
    public boolean denied() {
        return results.stream().anyMatch(HookResult::deny);
    }

    /** Whether a hook that ran has a false verdict. */
    public boolean failed() {
        return results.stream().anyMatch(HookResult::failed);
    }
}
