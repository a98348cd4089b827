package dev.aigateway.core.hooks;

import static dev.aigateway.core.hooks.HookTesting.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.config.CheckSpec;
import dev.aigateway.core.config.ConfigParser;
import dev.aigateway.core.config.CustomHostValidator;
import dev.aigateway.core.config.HookConfig;
import dev.aigateway.core.config.HookSpec;
import dev.aigateway.core.config.HookType;
import dev.aigateway.core.config.Target;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.pipeline.LeafResponse;
import dev.aigateway.core.provider.Providers;
import dev.aigateway.core.testing.TestGateway;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hooks in configs: the explicit and shorthand forms, the order, inheritance, and the refusals. */
class HookConfigTest {
    private final ConfigParser parser = new ConfigParser(Providers.defaults(), CustomHostValidator.create(List.of()));

    private HookConfig hooks(String config) {
        return parser.parse(q(config)).extensions().get(HookConfig.KEY).orElseThrow();
    }

    @Test
    void everyNonReservedShorthandKeyIsACheckAndTheRestAreHookProperties() {
        HookConfig config = hooks(
                "{'provider':'openai','input_guardrails':[{'contains':{'operator':'none','words':['a'],'is_enabled':false},"
                        + "'acme.pii':{},'deny':true,'async':false,'sequential':true,'on_fail':{'feedback':{'value':1}}}]}");

        HookSpec hook = config.beforeHooks().get(0);
        assertTrue(hook.id().orElseThrow().matches("input_guardrail_[0-9a-z]{3}"));
        assertEquals(HookType.GUARDRAIL, hook.type().orElseThrow());
        assertTrue(hook.deny());
        assertTrue(hook.sequential());
        assertEquals(q("{'feedback':{'value':1}}"), hook.onFail().orElseThrow().toString());
        CheckSpec contains = hook.checks().get(0);
        assertEquals("default.contains", contains.id());
        assertFalse(contains.enabled());
        assertEquals("none", contains.parameters().path("operator").asText());
        assertEquals("acme.pii", hook.checks().get(1).id());
        assertTrue(config.afterHooks().isEmpty());
    }

    @Test
    void explicitHooksComeFirstThenGuardrailsThenMutators() {
        HookConfig config = hooks("{'provider':'openai',"
                + "'inputMutators':[{'id':'m','default.addPrefix':{'prefix':'p'}}],"
                + "'input_guardrails':[{'id':'g','default.notNull':{}}],"
                + "'beforeRequestHooks':[{'id':'e','type':'guardrail','onSuccess':{},'checks':[{'id':'default.notNull','isEnabled':true}]}],"
                + "'output_guardrails':[{'id':'o','type':'mutator','default.regexReplace':{'rule':'x'}}]}");

        assertEquals(
                List.of("e", "g", "m"),
                config.beforeHooks().stream().map(h -> h.id().orElseThrow()).toList());
        assertEquals(HookType.MUTATOR, config.beforeHooks().get(2).type().orElseThrow());
        assertEquals(HookType.MUTATOR, config.afterHooks().get(0).type().orElseThrow(), "a shorthand item's type wins");
        assertTrue(config.beforeHooks().get(0).onSuccess().isPresent());
    }

    @Test
    void anExplicitHookWithoutTypeHasNone() {
        HookSpec hook = hooks("{'provider':'openai','after_request_hooks':[{'checks':[{'id':'default.notNull'}]}]}")
                .afterHooks()
                .get(0);

        assertTrue(hook.type().isEmpty());
        assertTrue(hook.id().isEmpty());
    }

    @Test
    void aConfigWithOnlyHooksUsesHeaderMode() throws Exception {
        Target root = parser.parse(q("{'input_guardrails':[{'default.notNull':{}}]}"));

        assertTrue(root.provider().isEmpty());
        assertEquals(
                1,
                root.extensions()
                        .get(HookConfig.KEY)
                        .orElseThrow()
                        .beforeHooks()
                        .size());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{'provider':'openai','input_guardrails':[{'portkey.pii':{}}]}"
                        + "|input_guardrails[0].portkey.pii: the check 'portkey.pii' is a partner guardrail",
                "{'provider':'openai','output_guardrails':[{'default.nope':{}}]}"
                        + "|output_guardrails[0].default.nope: unknown check 'default.nope'; the default checks are addPrefix,",
                "{'provider':'openai','input_guardrails':{'default.notNull':{}}}|input_guardrails: must be an array",
                "{'provider':'openai','input_guardrails':['default.notNull']}|input_guardrails[0]: must be an object whose keys are checks",
                "{'provider':'openai','input_guardrails':[{'default.notNull':5}]}|input_guardrails[0].default.notNull: must be an object",
                "{'provider':'openai','before_request_hooks':[{'type':'judge'}]}|before_request_hooks[0].type: must be \"guardrail\" or \"mutator\"",
                "{'provider':'openai','before_request_hooks':[{'type':'guardrail','checks':[{}]}]}|before_request_hooks[0].checks[0].id: a check needs an id",
                "{'provider':'openai','before_request_hooks':[{'checks':[{'id':'bedrock.guard'}]}]}|before_request_hooks[0].checks[0].id: the check 'bedrock.guard'",
                "{'provider':'openai','input_guardrails':[{'default.notNull':{},'deny':'yes'}]}|input_guardrails[0].deny: must be true or false",
                "{'strategy':{'mode':'fallback'},'targets':[{'provider':'openai','output_guardrails':[{'walledai.walledprotect':{}}]}]}"
                        + "|targets[0].output_guardrails[0].walledai.walledprotect: the check 'walledai.walledprotect' is a partner"
            })
    void badHooksAre400sNamingThePath(String row) {
        String[] parts = row.split("\\|");
        GatewayException e = assertThrows(GatewayException.class, () -> parser.parse(q(parts[0])));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("Invalid config passed: " + parts[1]), e.getMessage());
    }

    @Test
    void hooksAndChecksPerNodeAreBounded() {
        String hook = "{'default.notNull':{}}";
        String tooManyHooks = "{'provider':'openai','input_guardrails':["
                + String.join(",", java.util.Collections.nCopies(21, hook)) + "]}";
        StringBuilder checks = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            checks.append(i == 0 ? "" : ",").append("{'id':'default.notNull'}");
        }
        String tooManyChecks =
                "{'provider':'openai','after_request_hooks':[{'type':'guardrail','checks':[" + checks + "]}]}";

        assertTrue(assertThrows(GatewayException.class, () -> parser.parse(q(tooManyHooks)))
                .getMessage()
                .endsWith("sets 21 input hooks; the limit is 20"));
        assertTrue(assertThrows(GatewayException.class, () -> parser.parse(q(tooManyChecks)))
                .getMessage()
                .endsWith("after_request_hooks[0]: has 51 checks; the limit is 50"));
    }

    @Test
    void targetsInheritTheirParentsHooksUnlessTheySetTheirOwnEvenEmpty() throws Exception {
        Map<String, HookConfig> seen = new ConcurrentHashMap<>();
        try (TestGateway test = TestGateway.with(builder -> builder.addTargetInterceptor(chain -> {
            seen.put(
                    chain.request().path().value(),
                    chain.request().extension(HookConfig.KEY).orElseThrow());
            return LeafResponse.of(new dev.aigateway.core.GatewayResponse.Complete(
                    500, dev.aigateway.core.http.Headers.empty(), new byte[0]));
        }))) {
            String leaf = "{'provider':'openai','api_key':'k'";
            test.gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                    .config(q("{'strategy':{'mode':'fallback'},"
                            + "'input_guardrails':[{'id':'root-in','default.notNull':{}}],'output_guardrails':[{'id':'root-out','default.notNull':{}}],"
                            + "'targets':[" + leaf + "}," + leaf + ",'input_guardrails':[]},"
                            + leaf + ",'after_request_hooks':[{'id':'own','type':'guardrail','checks':[]}]}]}"))
                    .header("x-portkey-default-output-guardrails", q("[{'id':'org','default.notNull':{}}]"))
                    .body(q("{'model':'m','messages':[{'role':'user','content':'hi'}]}"))
                    .build());
        }

        assertEquals(List.of("root-in"), ids(seen.get("config.targets[0]").beforeHooks()));
        assertEquals(
                List.of("root-out", "org"), ids(seen.get("config.targets[0]").afterHooks()));
        assertEquals(
                List.of(), ids(seen.get("config.targets[1]").beforeHooks()), "an empty list replaces the parent's");
        assertEquals(
                List.of("root-out", "org"), ids(seen.get("config.targets[1]").afterHooks()));
        assertEquals(List.of("root-in"), ids(seen.get("config.targets[2]").beforeHooks()));
        assertEquals(
                List.of("own", "org"),
                ids(seen.get("config.targets[2]").afterHooks()),
                "the header's defaults always follow");
    }

    private static List<String> ids(List<HookSpec> hooks) {
        return hooks.stream().map(h -> h.id().orElse("?")).toList();
    }
}
