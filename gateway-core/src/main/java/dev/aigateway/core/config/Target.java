package dev.aigateway.core.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One node of a routing config: the root of {@code x-portkey-config} or any entry of a
 * {@code targets} array. A node with a {@link #strategy()} routes among its {@link #targets()};
 * a node without one is a leaf that calls its {@link #provider()}. Immutable.
 *
 * @param providerFields every other provider setting under its camelCase name
 *     ({@code resourceName}, {@code awsRegion}, ...); never inherited
 * @param weight for load balancing; absent means 1
 * @param streamIdleTimeout for a stream: the longest gap between upstream events once it has
 *     begun; absent means {@code requestTimeout}
 * @param extensions the node's settings for extensions (its hooks, ...), each merged down the tree
 *     by its own rule
 */
public record Target(
        Optional<String> name,
        Optional<Strategy> strategy,
        List<Target> targets,
        Optional<String> provider,
        Optional<String> apiKey,
        Map<String, String> providerFields,
        Optional<ObjectNode> overrideParams,
        Optional<RetryConfig> retry,
        Optional<CacheConfig> cache,
        OptionalLong requestTimeout,
        Optional<String> customHost,
        Optional<List<String>> forwardHeaders,
        Optional<Boolean> strictOpenAiCompliance,
        OptionalDouble weight,
        OptionalLong streamIdleTimeout,
        TargetExtensions extensions) {

    public Target {
        targets = List.copyOf(targets);
        providerFields = Map.copyOf(providerFields);
        overrideParams = overrideParams.map(ObjectNode::deepCopy);
        forwardHeaders = forwardHeaders.map(List::copyOf);
    }

    /** A target without extension settings. */
    public Target(
            Optional<String> name,
            Optional<Strategy> strategy,
            List<Target> targets,
            Optional<String> provider,
            Optional<String> apiKey,
            Map<String, String> providerFields,
            Optional<ObjectNode> overrideParams,
            Optional<RetryConfig> retry,
            Optional<CacheConfig> cache,
            OptionalLong requestTimeout,
            Optional<String> customHost,
            Optional<List<String>> forwardHeaders,
            Optional<Boolean> strictOpenAiCompliance,
            OptionalDouble weight,
            OptionalLong streamIdleTimeout) {
        this(
                name,
                strategy,
                targets,
                provider,
                apiKey,
                providerFields,
                overrideParams,
                retry,
                cache,
                requestTimeout,
                customHost,
                forwardHeaders,
                strictOpenAiCompliance,
                weight,
                streamIdleTimeout,
                TargetExtensions.NONE);
    }

    /** A target without a stream idle timeout of its own. */
    public Target(
            Optional<String> name,
            Optional<Strategy> strategy,
            List<Target> targets,
            Optional<String> provider,
            Optional<String> apiKey,
            Map<String, String> providerFields,
            Optional<ObjectNode> overrideParams,
            Optional<RetryConfig> retry,
            Optional<CacheConfig> cache,
            OptionalLong requestTimeout,
            Optional<String> customHost,
            Optional<List<String>> forwardHeaders,
            Optional<Boolean> strictOpenAiCompliance,
            OptionalDouble weight) {
        this(
                name,
                strategy,
                targets,
                provider,
                apiKey,
                providerFields,
                overrideParams,
                retry,
                cache,
                requestTimeout,
                customHost,
                forwardHeaders,
                strictOpenAiCompliance,
                weight,
                OptionalLong.empty());
    }

    /**
     * The target's {@code override_params}, as a copy: the tree itself is shared by every request
     * that sends the same config.
     */
    @Override
    public Optional<ObjectNode> overrideParams() {
        return overrideParams.map(ObjectNode::deepCopy);
    }

    public boolean isLeaf() {
        return strategy.isEmpty();
    }

    /** The load-balancing weight; 1 when not given. */
    public double effectiveWeight() {
        return weight.orElse(1.0);
    }

    /** A copy with the provider and key filled in (header mode). */
    public Target withProvider(String providerId, Optional<String> key, Map<String, String> fields) {
        return new Target(
                name,
                strategy,
                targets,
                Optional.of(providerId),
                key,
                fields,
                overrideParams,
                retry,
                cache,
                requestTimeout,
                customHost,
                forwardHeaders,
                strictOpenAiCompliance,
                weight,
                streamIdleTimeout,
                extensions);
    }

    /** A copy with other extension settings. */
    public Target withExtensions(TargetExtensions value) {
        return new Target(
                name,
                strategy,
                targets,
                provider,
                apiKey,
                providerFields,
                overrideParams,
                retry,
                cache,
                requestTimeout,
                customHost,
                forwardHeaders,
                strictOpenAiCompliance,
                weight,
                streamIdleTimeout,
                value);
    }

    /** A leaf for {@code provider} with nothing else set. */
    public static Target leaf(String provider, Optional<String> apiKey) {
        return new Target(
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.of(provider),
                apiKey,
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalDouble.empty());
    }

    /** An empty root (header mode with no config). */
    public static Target empty() {
        return new Target(
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalDouble.empty());
    }

    /** Credentials are left out: configs hold API keys. */
    @Override
    public String toString() {
        return "Target[name=" + name.orElse("") + ", strategy="
                + strategy.map(s -> s.mode().wireName()).orElse("") + ", provider=" + provider.orElse("") + ", targets="
                + targets + "]";
    }
}
