package dev.aigateway.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.HeaderRules;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the caller's {@code x-portkey-*} headers say about one request, with the routing config tree
 * they select. Header values beat config values: a custom host, forward-header list or timeout
 * given as a header applies to every target.
 *
 * @param root the config tree; in header mode a single leaf built from {@code x-portkey-provider}
 *     and {@code Authorization}
 * @param traceId the caller's {@code x-portkey-trace-id}, or a generated one
 * @param metadata the parsed {@code x-portkey-metadata}; {@code {}} when absent or invalid
 */
public record RequestSettings(
        Target root,
        String traceId,
        ObjectNode metadata,
        Optional<String> customHost,
        Optional<List<String>> forwardHeaders,
        OptionalLong requestTimeout,
        boolean strictOffByHeader) {

    /** Generic headers that are never provider fields in header mode. */
    private static final Set<String> GENERIC = Set.of(
            PortkeyHeaders.PROVIDER,
            PortkeyHeaders.CONFIG,
            PortkeyHeaders.CUSTOM_HOST,
            PortkeyHeaders.FORWARD_HEADERS,
            PortkeyHeaders.REQUEST_TIMEOUT,
            PortkeyHeaders.TRACE_ID,
            PortkeyHeaders.METADATA,
            PortkeyHeaders.STRICT_OPEN_AI_COMPLIANCE,
            PortkeyHeaders.DEFAULT_INPUT_GUARDRAILS,
            PortkeyHeaders.DEFAULT_OUTPUT_GUARDRAILS,
            "x-portkey-api-key",
            "x-portkey-virtual-key",
            "x-portkey-cache-force-refresh",
            "x-portkey-cache-namespace",
            "x-portkey-debug");

    private static final String OPENAI_BETA = "openaiBeta";

    /** Header spellings whose config key differs from the camelCase of the header name. */
    private static final Map<String, String> FIELD_ALIASES = Map.of(
            "azureResourceName", "resourceName",
            "azureDeploymentId", "deploymentId",
            "azureApiVersion", "apiVersion");

    /** Reads the headers; throws {@link GatewayException} (400) on anything invalid. */
    public static RequestSettings from(Headers headers, ConfigParser parser) {
        return from(headers, Optional.empty(), traceId(headers), parser);
    }

    /**
     * Reads the headers, with the config given as a tree instead of {@code x-portkey-config} when
     * {@code configTree} is present; throws {@link GatewayException} (400) on anything invalid.
     *
     * @param traceId the call's trace id ({@link #traceId(Headers)})
     */
    public static RequestSettings from(
            Headers headers, Optional<JsonNode> configTree, String traceId, ConfigParser parser) {
        Optional<String> customHost = headers.first(PortkeyHeaders.CUSTOM_HOST).filter(h -> !h.isBlank());
        customHost.ifPresent(host -> parser.hostProblem(host).ifPresent(problem -> {
            throw GatewayException.badRequest("Invalid custom host: " + problem);
        }));
        return new RequestSettings(
                withDefaultGuardrails(root(headers, configTree, parser), headers),
                traceId,
                metadata(headers),
                customHost,
                forwardHeaders(headers),
                timeout(headers),
                "false".equals(headers.value(PortkeyHeaders.STRICT_OPEN_AI_COMPLIANCE)));
    }

    /** The caller's {@code x-portkey-trace-id}, or a new one. */
    public static String traceId(Headers headers) {
        return headers.first(PortkeyHeaders.TRACE_ID).filter(t -> !t.isBlank()).orElseGet(RequestSettings::newTraceId);
    }

    private static Target root(Headers headers, Optional<JsonNode> configTree, ConfigParser parser) {
        Optional<String> configHeader = headers.first(PortkeyHeaders.CONFIG).filter(c -> !c.isBlank());
        Optional<String> providerHeader = headers.first(PortkeyHeaders.PROVIDER).filter(p -> !p.isBlank());
        if (configTree.isEmpty() && configHeader.isEmpty() && providerHeader.isEmpty()) {
            throw GatewayException.badRequest("Either x-portkey-config or x-portkey-provider header is required");
        }
        Target root = configTree.isPresent()
                ? parser.parse(configTree.get())
                : configHeader.map(parser::parse).orElseGet(Target::empty);
        if (root.provider().isPresent() || !root.targets().isEmpty()) {
            return root;
        }
        // Header mode: the provider comes from x-portkey-provider and the key from Authorization.
        String provider = providerHeader.orElseThrow(
                () -> GatewayException.badRequest(
                        "Either x-portkey-provider needs to be passed. Or the x-portkey-config header should have a valid config with provider details in it."));
        if (!parser.isSupported(provider)) {
            throw GatewayException.badRequest(parser.providerProblem(provider));
        }
        Map<String, String> fields = new HashMap<>(root.providerFields());
        fields.putAll(providerFieldsFromHeaders(headers));
        return root.withProvider(provider, bearerToken(headers), fields);
    }

    /**
     * A random (version 4) UUID. Trace ids need to be unique, not unguessable, so they come from a
     * thread-local generator instead of the lock-guarded {@code SecureRandom} of
     * {@link UUID#randomUUID()}.
     */
    static String newTraceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /**
     * {@code Authorization: Bearer <key>} minus the scheme; any other value is taken whole. The key
     * goes into an upstream header, so it must be printable ASCII (400 naming the header).
     */
    static Optional<String> bearerToken(Headers headers) {
        return headers.first("authorization")
                .map(value -> HeaderRules.checked("header authorization", value))
                .map(value -> value.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? value.substring(7).strip()
                        : value.strip())
                .filter(key -> !key.isEmpty());
    }

    /**
     * Provider fields from {@code x-portkey-*} headers. Each may end up in an upstream header or
     * URL, so each must be printable ASCII (400 naming the header).
     */
    private static Map<String, String> providerFieldsFromHeaders(Headers headers) {
        Map<String, String> fields = new HashMap<>();
        headers.forEach((name, value) -> {
            if (name.startsWith(PortkeyHeaders.PREFIX) && !GENERIC.contains(name)) {
                String field = ConfigKeys.camel(name.substring(PortkeyHeaders.PREFIX.length()));
                fields.put(FIELD_ALIASES.getOrDefault(field, field), HeaderRules.checked("header " + name, value));
            }
        });
        // As in Portkey, the beta header is also taken unprefixed, as OpenAI's SDKs send it.
        if (!fields.containsKey(OPENAI_BETA)) {
            headers.first("openai-beta")
                    .ifPresent(value -> fields.put(OPENAI_BETA, HeaderRules.checked("header openai-beta", value)));
        }
        return fields;
    }

    private static ObjectNode metadata(Headers headers) {
        Optional<String> raw = headers.first(PortkeyHeaders.METADATA);
        if (raw.isEmpty()) {
            return Json.object();
        }
        try {
            JsonNode node = Json.parse(raw.get().getBytes(StandardCharsets.UTF_8));
            return node instanceof ObjectNode object ? object : Json.object();
        } catch (IOException e) {
            return Json.object(); // Portkey ignores invalid metadata
        }
    }

    private static Optional<List<String>> forwardHeaders(Headers headers) {
        return headers.first(PortkeyHeaders.FORWARD_HEADERS)
                .filter(v -> !v.isBlank())
                .map(value -> {
                    List<String> names = new ArrayList<>();
                    for (String name : value.split(",")) {
                        String lower = name.strip().toLowerCase(Locale.ROOT);
                        if (lower.equals(PortkeyHeaders.FORWARD_HEADERS)) {
                            throw GatewayException.badRequest(
                                    "forward_headers must not contain the 'x-portkey-forward-headers' header");
                        }
                        if (!lower.isEmpty()) {
                            HeaderRules.forwardedNameProblem(lower).ifPresent(problem -> {
                                throw GatewayException.badRequest(
                                        "Invalid header " + PortkeyHeaders.FORWARD_HEADERS + ": " + problem);
                            });
                            names.add(lower);
                        }
                    }
                    return List.copyOf(names);
                });
    }

    /** A number of milliseconds; 0 or a non-number means "not set", as in Portkey. */
    private static OptionalLong timeout(Headers headers) {
        try {
            return headers.first(PortkeyHeaders.REQUEST_TIMEOUT)
                    .map(v -> (long) Double.parseDouble(v.strip()))
                    .filter(ms -> ms > 0)
                    .map(OptionalLong::of)
                    .orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The root with the guardrails of {@code x-portkey-default-input-guardrails} and
     * {@code -output-guardrails} (the shorthand of {@code input_guardrails}), which every target
     * runs after its own.
     */
    private static Target withDefaultGuardrails(Target root, Headers headers) {
        List<HookSpec> input = defaultGuardrails(headers, PortkeyHeaders.DEFAULT_INPUT_GUARDRAILS, "input");
        List<HookSpec> output = defaultGuardrails(headers, PortkeyHeaders.DEFAULT_OUTPUT_GUARDRAILS, "output");
        if (input.isEmpty() && output.isEmpty()) {
            return root;
        }
        HookConfig hooks = root.extensions()
                .get(HookConfig.KEY)
                .orElseGet(() -> new HookConfig(Optional.empty(), Optional.empty(), List.of(), List.of()))
                .withDefaults(input, output);
        return root.withExtensions(root.extensions().with(HookConfig.KEY, hooks));
    }

    private static List<HookSpec> defaultGuardrails(Headers headers, String name, String prefix) {
        Optional<String> value = headers.first(name).filter(v -> !v.isBlank());
        if (value.isEmpty()) {
            return List.of();
        }
        JsonNode node;
        try {
            node = Json.parse(value.get());
        } catch (IOException e) {
            throw GatewayException.badRequest(name + " must be a JSON array of guardrails");
        }
        if (!node.isArray()) {
            throw GatewayException.badRequest(name + " must be a JSON array of guardrails");
        }
        return HookParser.shorthand(node, name, prefix, HookType.GUARDRAIL);
    }
}
