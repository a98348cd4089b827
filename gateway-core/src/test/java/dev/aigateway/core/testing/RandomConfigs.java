package dev.aigateway.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Random {@code x-portkey-config} texts: trees that are mostly valid (every strategy, retries,
 * conditions, inherited settings), then mutated (values of the wrong type, deleted and unknown
 * keys, deep nesting, limits overshot) and sometimes broken as text (cut short, padded past the
 * size limit, nested arrays past the parser's depth). API keys start with {@link #SECRET}, so a
 * test can check that none is ever echoed.
 */
public final class RandomConfigs {
    public static final String SECRET = "sk-fuzz-secret-";

    private static final List<String> PROVIDERS = List.of(
            "openai",
            "openai",
            "google",
            "anthropic",
            "azure-openai",
            "groq",
            "mistral-ai",
            "ollama",
            "openai-compatible",
            "vertex-ai");
    private static final List<String> UNKNOWN_PROVIDERS = List.of("bedrock", "no-such-provider", "");
    private static final List<String> MODES =
            List.of("single", "fallback", "fallback", "loadbalance", "conditional", "conditional");
    private static final List<String> HOSTS = List.of(
            "http://localhost:9/v1",
            "http://127.0.0.1:1",
            "https://api.example.com/v1",
            "http://10.0.0.1/v1",
            "http://169.254.169.254/",
            "ftp://localhost/",
            "http://user:pw@localhost/",
            "not a url",
            "");
    private static final List<String> OPERATORS =
            List.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$regex", "$like");
    private static final List<String> FIELDS = List.of(
            "metadata.tier", "metadata.user.id", "params.model", "params.messages", "url.pathname", "params.a.b.c");
    private static final List<String> PATTERNS = List.of(
            "^(.*a){8}$",
            "^gpt-",
            "(?=a)",
            "(a)\\1",
            "[",
            "((a{1000}){1000}){1000}",
            "(ab{100}){100}",
            "\\u00e9",
            "x".repeat(1001),
            "^\\d+$",
            "(?i)PRO",
            "[[:alpha:]]+",
            "a{1000}",
            "(x|y|z)*$");

    /** Past this many nodes a tree grows only leaves, so that trees stay small enough to send. */
    private static final int MAX_NODES = 40;

    private final RandomJson json;
    private int keys;
    private int nodes;

    public RandomConfigs(RandomJson json) {
        this.json = json;
    }

    /** A config text. */
    public String next() {
        nodes = 0;
        ObjectNode root = node(0);
        int mutations = json.chance(0.6) ? 0 : json.between(1, 3);
        for (int i = 0; i < mutations; i++) {
            mutate(root);
        }
        String text = Json.text(root);
        return switch (json.random().nextInt(40)) {
            case 0 -> text.substring(0, json.between(0, text.length()));
            case 1 -> text + " ".repeat(64 * 1024);
            case 2 -> RandomJson.nestedArrays(json.between(200, 5_000), text);
            case 3 -> "pc-" + json.string();
            case 4 -> json.string();
            case 5 -> json.longString();
            default -> text;
        };
    }

    private ObjectNode node(int depth) {
        boolean leaf = depth > 0 && (++nodes > MAX_NODES || json.chance(depth > 11 ? 1 : 0.65));
        ObjectNode node = leaf ? leaf() : strategyNode(depth);
        common(node);
        return node;
    }

    private ObjectNode leaf() {
        ObjectNode leaf = Json.object();
        leaf.put("provider", json.chance(0.03) ? json.pick(UNKNOWN_PROVIDERS) : json.pick(PROVIDERS));
        if (json.chance(0.7)) {
            leaf.put(json.chance(0.2) ? "apiKey" : "api_key", SECRET + keys++);
        }
        if (json.chance(0.2)) {
            leaf.put(
                    json.pick(List.of("resource_name", "deployment_id", "api_version", "anthropic_version")),
                    json.string());
        }
        if (json.chance(0.05)) {
            leaf.put("custom_host", json.pick(HOSTS));
        }
        return leaf;
    }

    private ObjectNode strategyNode(int depth) {
        ObjectNode node = Json.object();
        String mode = json.chance(0.03) ? json.string() : json.pick(MODES);
        ObjectNode strategy = node.putObject("strategy").put("mode", mode);
        int count = json.chance(0.05) ? json.between(45, 60) : json.chance(0.05) ? 0 : json.between(1, 4);
        ArrayNode targets = node.putArray("targets");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode child = node(depth + 1);
            if (json.chance(0.8)) {
                String name = json.chance(0.9) ? "t" + i : json.string();
                child.put("name", name);
                names.add(name);
            }
            targets.add(child);
        }
        if (json.chance(0.3)) {
            strategy.set("on_status_codes", statusCodes());
        }
        if (mode.equals("conditional") || json.chance(0.05)) {
            ArrayNode conditions = strategy.putArray("conditions");
            int n = json.between(0, 3);
            for (int i = 0; i < n; i++) {
                conditions
                        .addObject()
                        .<ObjectNode>set("query", query(json.chance(0.05) ? 40 : 3))
                        .put("then", names.isEmpty() || json.chance(0.1) ? json.string() : json.pick(names));
            }
            if (json.chance(0.6) && !names.isEmpty()) {
                strategy.put("default", json.pick(names));
            }
        }
        return node;
    }

    /** Settings any node may carry, inherited down the tree. */
    private void common(ObjectNode node) {
        if (json.chance(0.3)) {
            ObjectNode retry = node.putObject("retry")
                    .put("attempts", json.chance(0.9) ? json.between(0, 5) : json.between(-1, 9));
            if (json.chance(0.5)) {
                retry.set("on_status_codes", statusCodes());
            }
            if (json.chance(0.3)) {
                retry.put("use_retry_after_header", json.random().nextBoolean());
            }
        }
        if (json.chance(0.3)) {
            node.set("override_params", json.object(2));
        }
        if (json.chance(0.1)) {
            node.set(
                    "request_timeout",
                    json.chance(0.5) ? Json.object().numberNode(json.between(1, 60_000)) : json.number());
        }
        if (json.chance(0.1)) {
            node.putArray("forward_headers").add(json.string());
        }
        if (json.chance(0.1)) {
            node.set("weight", json.chance(0.7) ? Json.object().numberNode(json.between(0, 5)) : json.number());
        }
        if (json.chance(0.05)) {
            node.putObject("cache").put("mode", json.pick(List.of("simple", "semantic", "x")));
        }
        if (json.chance(0.01)) {
            node.set(json.pick(List.of("before_request_hooks", "input_guardrails")), json.array(1));
        }
        if (json.chance(0.1)) {
            node.set(json.string(), json.value(2));
        }
    }

    private ArrayNode statusCodes() {
        ArrayNode codes = Json.array();
        int n = json.between(0, 4);
        for (int i = 0; i < n; i++) {
            int code = json.chance(0.9) ? json.pick(List.of(200, 408, 429, 500, 502, 503)) : json.between(0, 1000);
            codes.add(code);
        }
        return codes;
    }

    private ObjectNode query(int depth) {
        ObjectNode query = Json.object();
        int keys = json.between(1, 3);
        for (int i = 0; i < keys; i++) {
            if (depth > 0 && json.chance(0.3)) {
                ArrayNode group = query.putArray(json.chance(0.5) ? "$and" : "$or");
                int n = json.between(0, 3);
                for (int j = 0; j < n; j++) {
                    group.add(query(depth - 1));
                }
            } else if (json.chance(0.3)) {
                query.set(json.pick(FIELDS), json.value(1));
            } else {
                String op = json.pick(OPERATORS);
                JsonNode operand = op.equals("$regex") && json.chance(0.8)
                        ? Json.object().textNode(json.pick(PATTERNS))
                        : op.endsWith("in") && json.chance(0.8) ? json.array(1) : json.value(1);
                query.putObject(json.pick(FIELDS)).set(op, operand);
            }
        }
        return query;
    }

    /** Replaces, removes or adds one value somewhere in the tree. */
    private void mutate(ObjectNode root) {
        List<ObjectNode> objects = new ArrayList<>();
        collect(root, objects);
        ObjectNode target = json.pick(objects);
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty() || json.chance(0.2)) {
            target.set(json.string(), json.value(3));
        } else if (json.chance(0.2)) {
            target.remove(json.pick(names));
        } else {
            target.set(json.pick(names), json.value(3));
        }
    }

    private static void collect(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode object) {
            out.add(object);
        }
        node.forEach(child -> collect(child, out));
    }
}
