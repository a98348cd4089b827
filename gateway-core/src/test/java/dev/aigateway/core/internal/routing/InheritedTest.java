package dev.aigateway.core.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aigateway.core.config.ConfigParser;
import dev.aigateway.core.config.CustomHostValidator;
import dev.aigateway.core.config.RetryConfig;
import dev.aigateway.core.config.Target;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.Providers;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Portkey's inheritance rules down the config tree, as its gateway applies them. */
class InheritedTest {
    private final ConfigParser parser =
            new ConfigParser(Providers.defaults(), CustomHostValidator.create(Optional.empty()));

    /** What the first leaf under {@code config}'s first child sees. */
    private Inherited leafOf(String config) {
        Target root = parser.parse(config);
        Target child = root.targets().get(0);
        return Inherited.NONE.mergedWith(root).mergedWith(child);
    }

    private static String tree(String parent, String child) {
        return "{\"strategy\":{\"mode\":\"single\"}" + parent + ",\"targets\":[{\"provider\":\"openai\"" + child
                + "}]}";
    }

    @Test
    void overrideParamsMergeShallowlyAndTheChildWins() throws Exception {
        Inherited leaf = leafOf(tree(
                ",\"override_params\":{\"temperature\":0.1,\"model\":\"parent\",\"response_format\":{\"type\":\"json_object\"}}",
                ",\"override_params\":{\"model\":\"child\",\"response_format\":{\"type\":\"text\"}}"));

        assertEquals(
                Json.parse("{\"temperature\":0.1,\"model\":\"child\",\"response_format\":{\"type\":\"text\"}}"),
                leaf.overrideParams().orElseThrow());
    }

    @Test
    void retryIsReplacedWholeNotMerged() {
        String parent = ",\"retry\":{\"attempts\":4,\"on_status_codes\":[429],\"use_retry_after_header\":true}";

        assertEquals(
                new RetryConfig(1, RetryConfig.DEFAULT_STATUS_CODES, false),
                leafOf(tree(parent, ",\"retry\":{\"attempts\":1}")).retry().orElseThrow());
        assertEquals(
                new RetryConfig(4, Set.of(429), true),
                leafOf(tree(parent, "")).retry().orElseThrow());
    }

    @Test
    void timeoutHostForwardHeadersAndStrictModeAreTheChildsWhenSetElseTheParents() {
        String parent = ",\"request_timeout\":1000,\"custom_host\":\"http://localhost:1/v1\","
                + "\"forward_headers\":[\"x-team\"],\"strict_open_ai_compliance\":false";

        Inherited inherited = leafOf(tree(parent, ""));
        Inherited own = leafOf(tree(
                parent,
                ",\"request_timeout\":2000,\"custom_host\":\"http://localhost:2/v1\","
                        + "\"forward_headers\":[\"x-user\"],\"strict_open_ai_compliance\":true"));

        assertEquals(OptionalLong.of(1000), inherited.requestTimeout());
        assertEquals(Optional.of("http://localhost:1/v1"), inherited.customHost());
        assertEquals(Optional.of(List.of("x-team")), inherited.forwardHeaders());
        assertEquals(Optional.of(false), inherited.strictOpenAiCompliance());
        assertEquals(OptionalLong.of(2000), own.requestTimeout());
        assertEquals(Optional.of("http://localhost:2/v1"), own.customHost());
        assertEquals(Optional.of(List.of("x-user")), own.forwardHeaders());
        assertEquals(Optional.of(true), own.strictOpenAiCompliance());
    }

    @Test
    void settingsReachEveryLevelOfANestedTree() throws Exception {
        Target root = parser.parse(
                "{\"strategy\":{\"mode\":\"fallback\"},\"request_timeout\":500,"
                        + "\"override_params\":{\"a\":1},\"targets\":[{\"strategy\":{\"mode\":\"single\"},"
                        + "\"override_params\":{\"b\":2},\"targets\":[{\"provider\":\"openai\",\"override_params\":{\"c\":3}}]}]}");
        Target middle = root.targets().get(0);
        Target leaf = middle.targets().get(0);

        Inherited seen = Inherited.NONE.mergedWith(root).mergedWith(middle).mergedWith(leaf);

        assertEquals(OptionalLong.of(500), seen.requestTimeout());
        assertEquals(
                Json.parse("{\"a\":1,\"b\":2,\"c\":3}"), seen.overrideParams().orElseThrow());
    }
}
