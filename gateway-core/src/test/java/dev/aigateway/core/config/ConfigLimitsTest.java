package dev.aigateway.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.error.ConfigException;
import dev.aigateway.core.provider.Providers;
import dev.aigateway.core.testing.InMemoryUpstream;
import dev.aigateway.core.testing.TestGateway;
import java.util.Optional;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** Every limit of {@link ConfigLimits}, with a config at it (accepted) and just over it (a 400 naming the path). */
class ConfigLimitsTest {
    private static final String LEAF = "{\"provider\":\"openai\",\"api_key\":\"k\"}";

    private final ConfigParser parser =
            new ConfigParser(Providers.defaults(), CustomHostValidator.create(Optional.empty()));

    private ConfigException refused(String config) {
        return assertThrows(ConfigException.class, () -> parser.parse(config));
    }

    private static String fallback(int leaves, String leaf) {
        StringJoiner targets = new StringJoiner(",", "[", "]");
        for (int i = 0; i < leaves; i++) {
            targets.add(leaf);
        }
        return "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":" + targets + "}";
    }

    /** A chain of single-target nodes whose leaf sits {@code levels} levels of targets deep. */
    private static String nested(int levels) {
        String node = LEAF;
        for (int i = 0; i < levels; i++) {
            node = "{\"strategy\":{\"mode\":\"single\"},\"targets\":[" + node + "]}";
        }
        return node;
    }

    @Test
    void targetsNestTenLevelsDeepAndNoDeeper() {
        assertEquals(10, depth(parser.parse(nested(ConfigLimits.MAX_DEPTH))));

        ConfigException e = refused(nested(ConfigLimits.MAX_DEPTH + 1));

        assertEquals("targets[0].".repeat(ConfigLimits.MAX_DEPTH) + "targets", e.path());
        assertEquals(
                "Invalid config passed: " + e.path() + ": nests targets 11 levels deep; the limit is 10",
                e.getMessage());
    }

    private static int depth(Target node) {
        return node.isLeaf() ? 0 : 1 + depth(node.targets().get(0));
    }

    @Test
    void aTargetsArrayHoldsFiftyEntriesAndNoMore() {
        String lb = "{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":[";
        String fifty = String.join(",", java.util.Collections.nCopies(ConfigLimits.MAX_TARGETS_PER_NODE, LEAF));
        assertEquals(50, parser.parse(lb + fifty + "]}").targets().size());

        ConfigException e =
                refused("{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + lb + fifty + "," + LEAF + "]}]}");

        assertEquals("targets[0].targets", e.path());
        assertEquals("Invalid config passed: targets[0].targets: has 51 targets; the limit is 50", e.getMessage());
    }

    @Test
    void aRequestMakesAtMostFiftyUpstreamCallsCountingRetries() {
        String retried4 = "{\"provider\":\"openai\",\"retry\":{\"attempts\":4}}";
        String retried5 = "{\"provider\":\"openai\",\"retry\":{\"attempts\":5}}";
        parser.parse(fallback(10, retried4)); // 10 x (1 + 4) = 50

        ConfigException e = refused(fallback(9, retried5)); // 9 x 6 = 54

        assertEquals("targets", e.path());
        assertEquals(
                "Invalid config passed: targets: one request could make 54 upstream calls through these targets"
                        + " (a fallback adds up its targets' calls, each target makes 1 + retry.attempts); the limit is 50",
                e.getMessage());
    }

    @Test
    void inheritedRetriesCountAndTheInnermostOffenderIsNamed() {
        String inner = fallback(30, LEAF);
        // loadbalance and conditional take the most of one target: two fallbacks of 30 make 30
        parser.parse("{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":[" + inner + "," + inner + "]}");
        // a fallback adds them up: 60
        assertEquals("targets", refused(fallback(2, inner)).path());
        // a retry on the root is inherited by every leaf below: 30 x 2 = 60, too many in targets[0]
        ConfigException e =
                refused("{\"retry\":{\"attempts\":1},\"strategy\":{\"mode\":\"single\"},\"targets\":[" + inner + "]}");
        assertEquals("targets[0].targets", e.path());
    }

    @Test
    void theConfigTextHoldsSixtyFourKibibytesAndNoMore() {
        String atLimit = LEAF + " ".repeat(ConfigLimits.MAX_CONFIG_CHARS - LEAF.length());
        assertEquals(Optional.of("openai"), parser.parse(atLimit).provider());

        ConfigException e = refused(atLimit + " ");

        assertEquals(
                "Invalid config passed: x-portkey-config is 65537 characters long; the limit is 65536", e.getMessage());
    }

    @Test
    void threeHundredAndOneFailingTargetsAreRefusedBeforeAnyCall() throws Exception {
        InMemoryUpstream upstream = new InMemoryUpstream(500, "{\"error\":{\"message\":\"down\"}}");
        Gateway gateway = Gateway.builder().upstream(upstream).build();

        GatewayResponse response = gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .config(fallback(301, "{\"provider\":\"openai\",\"api_key\":\"k\"}"))
                .body("{\"model\":\"m\",\"messages\":[]}")
                .build());

        assertEquals(400, response.status());
        assertEquals(
                "Invalid config passed: targets: has 301 targets; the limit is 50",
                TestGateway.json(response).path("message").asText());
        assertEquals(0, upstream.calls());
    }
}
