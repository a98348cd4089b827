package dev.aigateway.core.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.config.CheckSpec;
import dev.aigateway.core.config.HookSpec;
import dev.aigateway.core.config.HookType;
import dev.aigateway.core.internal.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs the hooks of one event as Portkey's hook manager does: all hooks at once; a guardrail's
 * checks at once, or in order with {@code sequential}; a mutator's checks in order, each seeing the
 * previous one's rewrite; checks with {@code is_enabled: false} skipped. A hook's verdict is true
 * when each of its checks passed or erred without {@code failOnError}. Hooks that run at once all
 * see the request as the event found it; their rewrites apply in the config's order, the last one
 * winning, so the outcome does not depend on timing. Thread-safe.
 */
final class HookRunner {
    /** The request types whose hooks run; on every other route they are skipped. */
    static final Set<String> HOOKED_REQUEST_TYPES = Set.of("chatComplete", "complete", "embed", "messages");

    private final Map<String, Check> checks;
    private final Executor executor;
    private final Clock clock;

    HookRunner(Map<String, Check> checks, Executor executor, Clock clock) {
        this.checks = Map.copyOf(checks);
        this.executor = executor;
        this.clock = clock;
    }

    /** What one event's hooks decided, and the context with their rewrites. */
    record EventOutcome(List<HookResult> results, boolean deny, CheckContext context) {
        /** The results of the hooks that ran, as Portkey's {@code hook_results} lists them. */
        List<HookResult> ran() {
            return results.stream().filter(r -> !r.skipped()).toList();
        }
    }

    /** One hook's result and its rewrites. */
    private record HookRun(HookResult result, Optional<ObjectNode> request, Optional<ObjectNode> response) {}

    /** Whether every check the hooks name is one this runner knows; the first unknown one if not. */
    Optional<String> unknownCheck(List<HookSpec> hooks) {
        return hooks.stream()
                .flatMap(h -> h.checks().stream())
                .map(CheckSpec::id)
                .filter(id -> !checks.containsKey(id))
                .findFirst();
    }

    EventOutcome run(CheckContext context, List<HookSpec> hooks) {
        List<Supplier<HookRun>> tasks = new ArrayList<>(hooks.size());
        for (HookSpec hook : hooks) {
            if (skips(context, hook)) {
                tasks.add(() ->
                        new HookRun(HookResult.skipped(hook.id(), hook.type()), Optional.empty(), Optional.empty()));
            } else {
                tasks.add(() -> runHook(context, hook));
            }
        }
        List<HookRun> runs = all(tasks);
        CheckContext rewritten = context;
        List<HookResult> results = new ArrayList<>(runs.size());
        for (HookRun run : runs) {
            results.add(run.result());
            if (run.request().isPresent()) {
                rewritten = rewritten.withRequest(run.request().get());
            }
            if (run.response().isPresent()) {
                rewritten = rewritten.withRewrittenResponse(run.response().get());
            }
        }
        return new EventOutcome(results, results.stream().anyMatch(HookResult::deny), rewritten);
    }

    /** Portkey's reasons to skip a hook. */
    private static boolean skips(CheckContext context, HookSpec hook) {
        String type = context.requestType();
        boolean after = context.event() == HookEvent.AFTER_REQUEST;
        boolean mutator = hook.type().filter(t -> t == HookType.MUTATOR).isPresent();
        return !HOOKED_REQUEST_TYPES.contains(type)
                || type.equals("embed") && (after || mutator)
                || after && context.statusCode() != 200
                || mutator && hook.async();
    }

    private HookRun runHook(CheckContext context, HookSpec hook) {
        Instant createdAt = clock.instant();
        long start = clock.millis();
        List<CheckSpec> enabled =
                hook.checks().stream().filter(CheckSpec::enabled).toList();
        List<CheckResult> results = new ArrayList<>();
        CheckContext seen = context;
        if (hook.type().isPresent()) {
            boolean inOrder = hook.type().get() == HookType.MUTATOR || hook.sequential();
            if (inOrder) {
                for (CheckSpec check : enabled) {
                    Run run = runCheck(seen, check);
                    results.add(run.result());
                    seen = run.applyTo(seen);
                }
            } else {
                CheckContext same = seen;
                List<Run> runs = all(enabled.stream()
                        .<Supplier<Run>>map(c -> () -> runCheck(same, c))
                        .toList());
                for (Run run : runs) {
                    results.add(run.result());
                    seen = run.applyTo(seen);
                }
            }
        }
        boolean verdict = results.stream().allMatch(CheckResult::passesHook);
        HookResult result = new HookResult(
                hook.id(),
                hook.type(),
                false,
                verdict,
                hook.deny() && !verdict,
                hook.async(),
                results.stream().anyMatch(CheckResult::transformed),
                results,
                feedback(results, hook),
                clock.millis() - start,
                createdAt);
        return new HookRun(
                result,
                seen.request() != context.request() ? Optional.of(seen.request()) : Optional.empty(),
                seen.response() != context.response() ? seen.response() : Optional.empty());
    }

    /** One check's result and its rewrites. */
    private record Run(CheckResult result, Optional<ObjectNode> request, Optional<ObjectNode> response) {
        CheckContext applyTo(CheckContext context) {
            CheckContext out = request.map(context::withRequest).orElse(context);
            return response.map(out::withRewrittenResponse).orElse(out);
        }
    }

    private Run runCheck(CheckContext context, CheckSpec spec) {
        Instant createdAt = clock.instant();
        long start = clock.millis();
        try {
            CheckOutcome outcome = checks.get(spec.id()).run(context, spec.parameters());
            CheckResult result = new CheckResult(
                    spec.id(),
                    outcome.verdict(),
                    outcome.data(),
                    outcome.error(),
                    clock.millis() - start,
                    outcome.transformed(),
                    createdAt,
                    spec.failOnError(),
                    false);
            return new Run(result, outcome.request(), outcome.response());
        } catch (Exception e) {
            return new Run(
                    CheckResult.crashed(spec.id(), clock.millis() - start, createdAt, spec.failOnError()),
                    Optional.empty(),
                    Optional.empty());
        }
    }

    /**
     * Portkey's feedback: the hook's {@code on_success} or {@code on_fail} feedback (the verdict
     * counting errors as passes here, as Portkey does), with the ids of the checks that passed,
     * failed and erred.
     */
    private static Optional<ObjectNode> feedback(List<CheckResult> results, HookSpec hook) {
        boolean verdict =
                results.stream().allMatch(r -> r.verdict() || r.error().isPresent());
        Optional<ObjectNode> config = (verdict ? hook.onSuccess() : hook.onFail())
                .map(o -> o.get("feedback"))
                .filter(JsonNode::isObject)
                .map(ObjectNode.class::cast);
        if (config.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode feedback = Json.object();
        if (config.get().has("value")) {
            feedback.set("value", config.get().get("value"));
        }
        if (config.get().has("weight")) {
            feedback.set("weight", config.get().get("weight"));
        }
        ObjectNode metadata = feedback.putObject("metadata");
        if (config.get().path("metadata").isObject()) {
            metadata.setAll((ObjectNode) config.get().get("metadata"));
        }
        metadata.put("successfulChecks", ids(results, r -> r.verdict()));
        metadata.put("failedChecks", ids(results, r -> !r.verdict() && r.error().isEmpty()));
        metadata.put(
                "erroredChecks", ids(results, r -> !r.verdict() && r.error().isPresent()));
        return Optional.of(feedback);
    }

    private static String ids(List<CheckResult> results, java.util.function.Predicate<CheckResult> which) {
        return String.join(
                ", ", results.stream().filter(which).map(CheckResult::id).toList());
    }

    /** Runs {@code tasks} at once (the first on this thread), in their order in the answer. */
    private <T> List<T> all(List<Supplier<T>> tasks) {
        if (tasks.size() <= 1) {
            return tasks.stream().map(Supplier::get).toList();
        }
        List<CompletableFuture<T>> others = new ArrayList<>();
        for (Supplier<T> task : tasks.subList(1, tasks.size())) {
            others.add(CompletableFuture.supplyAsync(task, executor));
        }
        List<T> out = new ArrayList<>(tasks.size());
        out.add(tasks.get(0).get());
        for (CompletableFuture<T> future : others) {
            try {
                out.add(future.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return out;
    }
}
