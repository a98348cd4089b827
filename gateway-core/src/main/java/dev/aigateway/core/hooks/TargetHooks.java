package dev.aigateway.core.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.config.HookConfig;
import dev.aigateway.core.config.HookSpec;
import dev.aigateway.core.config.PortkeyHeaders;
import dev.aigateway.core.config.RetryConfig;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.pipeline.Interceptor;
import dev.aigateway.core.pipeline.LeafRequest;
import dev.aigateway.core.pipeline.LeafResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One target's hooks, run where Portkey runs them: the before-request hooks once, before the
 * target's retries (a denial answers 446 and calls no upstream; a rewrite reaches the provider
 * transform); the after-request hooks on the answer the retries end with. When a denial's 446 is
 * one of the target's {@code retry.on_status_codes} and retries remain, the target is called again
 * at once, the retries it already made counting against its {@code attempts}, as in Portkey.
 * {@code async} hooks run after the answer, on the guardrails' background threads.
 */
final class TargetHooks {
    private final Guardrails guardrails;
    private final Interceptor.Chain chain;
    private final LeafRequest request;
    private final List<HookSpec> before;
    private final List<HookSpec> after;

    TargetHooks(Guardrails guardrails, Interceptor.Chain chain, LeafRequest request, HookConfig hooks) {
        this.guardrails = guardrails;
        this.chain = chain;
        this.request = request;
        this.before = hooks.beforeHooks();
        this.after = hooks.afterHooks();
    }

    LeafResponse run() {
        List<HookSpec> all = new ArrayList<>(before);
        all.addAll(after);
        guardrails.runner().unknownCheck(all).ifPresent(id -> {
            throw GatewayException.badRequest("The check '" + id + "' is not available in this gateway");
        });
        if (!HookRunner.HOOKED_REQUEST_TYPES.contains(
                request.providerRequest().endpoint().portkeyName())) {
            return unhooked();
        }
        CheckContext start = CheckContext.before(
                request.providerRequest().endpoint().portkeyName(),
                request.provider().id(),
                metadata(request.providerRequest().incomingHeaders()),
                request.providerRequest().incomingHeaders(),
                request.providerRequest().stream(),
                request.providerRequest().params());
        HookRunner.EventOutcome pre = guardrails.runner().run(start, sync(before));
        report(HookEvent.BEFORE_REQUEST, false, pre.results());
        if (pre.deny()) {
            runAsync(start, Optional.empty());
            return LeafResponse.of(HookAnswers.denied(Headers.empty(), pre.results(), List.of()));
        }
        LeafRequest sent = pre.context().requestTransformed()
                ? request.withParams(pre.context().request().deepCopy())
                : request;
        return afterRequest(sent, pre, start);
    }

    private LeafResponse afterRequest(LeafRequest sent, HookRunner.EventOutcome pre, CheckContext start) {
        RetryConfig retry = request.retry();
        int made = 0;
        LeafRequest attempt = sent;
        while (true) {
            LeafResponse inner = chain.proceed(attempt);
            if (inner.response() instanceof GatewayResponse.Streaming stream) {
                return new LeafResponse(streamed(stream, pre, start), inner.retryAttemptCount(), inner.unreachable());
            }
            if (!(inner.response() instanceof GatewayResponse.Complete answer)) {
                return new LeafResponse(bytes(inner.response(), pre), inner.retryAttemptCount(), inner.unreachable());
            }
            Optional<ObjectNode> body = HookAnswers.jsonObject(answer.body());
            CheckContext onAnswer = pre.context().withAnswer(body, answer.status());
            HookRunner.EventOutcome post = guardrails.runner().run(onAnswer, sync(after));
            report(HookEvent.AFTER_REQUEST, false, post.results());
            GatewayResponse.Complete out = HookAnswers.complete(
                    answer,
                    body,
                    post.context().responseTransformed() ? post.context().response() : Optional.empty(),
                    pre.ran(),
                    post.ran(),
                    post.deny());
            int count = inner.retryAttemptCount();
            int used = count < 0 ? attempt.retry().attempts() : count;
            boolean retriable = retry.onStatusCodes().contains(out.status());
            int remaining = retry.attempts() - used - made;
            if (post.deny() && retriable && count >= 0 && remaining > 0) {
                made += used + 1;
                attempt = attempt.toBuilder()
                        .retry(new RetryConfig(remaining - 1, retry.onStatusCodes(), retry.useRetryAfterHeader()))
                        .build();
                continue;
            }
            runAsync(start, Optional.of(onAnswer));
            int last = used + made;
            if (last == retry.attempts() && retriable || count < 0) {
                last = -1;
            }
            return new LeafResponse(out, last, inner.unreachable());
        }
    }

    /**
     * A route Portkey runs no hooks on (images, audio, files, the proxy, Responses, ...): every
     * hook is skipped, reported to the listener as such, and the answer is left alone.
     */
    private LeafResponse unhooked() {
        report(HookEvent.BEFORE_REQUEST, false, skipped(before));
        report(HookEvent.AFTER_REQUEST, false, skipped(after));
        return chain.proceed(request);
    }

    private static List<HookResult> skipped(List<HookSpec> hooks) {
        return hooks.stream()
                .filter(h -> !h.async())
                .map(h -> HookResult.skipped(h.id(), h.type()))
                .toList();
    }

    /**
     * Bytes streamed through: the after-request hooks cannot read them and are skipped; as Portkey
     * does for an answer without JSON, a failed before-request hook turns a 200 into a 246.
     */
    private GatewayResponse bytes(GatewayResponse answer, HookRunner.EventOutcome pre) {
        report(HookEvent.AFTER_REQUEST, false, skipped(after));
        boolean failedBefore = pre.ran().stream().anyMatch(HookResult::failed);
        if (failedBefore && answer.status() == 200 && answer instanceof GatewayResponse.Binary binary) {
            return new GatewayResponse.Binary(HookAnswers.HOOKS_FAILED, binary.headers(), binary.body());
        }
        return answer;
    }

    /**
     * A streamed answer: 246 when a before-request hook failed on a 200, as in Portkey; the
     * after-request hooks judge the answer once it has streamed ({@link StreamGuard}).
     */
    private GatewayResponse streamed(
            GatewayResponse.Streaming stream, HookRunner.EventOutcome pre, CheckContext start) {
        boolean failedBefore = pre.ran().stream().anyMatch(HookResult::failed);
        GatewayResponse.Streaming out = failedBefore && stream.status() == 200
                ? new GatewayResponse.Streaming(HookAnswers.HOOKS_FAILED, stream.headers(), stream.events())
                : stream;
        if (stream.status() != 200) {
            report(
                    HookEvent.AFTER_REQUEST,
                    false,
                    guardrails
                            .runner()
                            .run(start.withAnswer(Optional.empty(), stream.status()), sync(after))
                            .results());
            runAsync(start, Optional.empty());
            return out;
        }
        return out.withFilter(next -> new StreamGuard(
                next, request.providerRequest().endpoint(), request.provider().id(), (answer, complete) -> {
                    CheckContext onAnswer = pre.context().withAnswer(answer, complete ? 200 : 0);
                    HookRunner.EventOutcome post = guardrails.runner().run(onAnswer, sync(after));
                    report(HookEvent.AFTER_REQUEST, false, post.results());
                    runAsync(start, complete ? Optional.of(onAnswer) : Optional.empty());
                    return post.deny() ? Optional.of(HookAnswers.results(pre.ran(), post.ran())) : Optional.empty();
                }));
    }

    /** Runs the {@code async: true} hooks in the background, reporting their results to the listener. */
    private void runAsync(CheckContext start, Optional<CheckContext> onAnswer) {
        List<HookSpec> asyncBefore = before.stream().filter(HookSpec::async).toList();
        List<HookSpec> asyncAfter = after.stream().filter(HookSpec::async).toList();
        if (asyncBefore.isEmpty() && asyncAfter.isEmpty()) {
            return;
        }
        guardrails.background(() -> {
            if (!asyncBefore.isEmpty()) {
                report(
                        HookEvent.BEFORE_REQUEST,
                        true,
                        guardrails.runner().run(start, asyncBefore).results());
            }
            if (!asyncAfter.isEmpty()) {
                CheckContext context = onAnswer.orElseGet(() -> start.withAnswer(Optional.empty(), 0));
                report(
                        HookEvent.AFTER_REQUEST,
                        true,
                        guardrails.runner().run(context, asyncAfter).results());
            }
        });
    }

    private void report(HookEvent event, boolean async, List<HookResult> results) {
        if (!results.isEmpty()) {
            request.listener()
                    .hooks(
                            request.call(),
                            new HookReport(
                                    request.path().value(), request.provider().id(), event, async, results));
        }
    }

    private static List<HookSpec> sync(List<HookSpec> hooks) {
        return hooks.stream().filter(h -> !h.async()).toList();
    }

    /** The caller's {@code x-portkey-metadata}, or {@code {}}. */
    private static ObjectNode metadata(Headers headers) {
        Optional<String> raw = headers.first(PortkeyHeaders.METADATA);
        if (raw.isEmpty()) {
            return Json.object();
        }
        JsonNode node = Json.parseOrNull(raw.get().getBytes(StandardCharsets.UTF_8));
        return node instanceof ObjectNode object ? object : Json.object();
    }
}
