package dev.aigateway.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.config.ConfigParser;
import dev.aigateway.core.config.CustomHostValidator;
import dev.aigateway.core.error.ConfigException;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.Providers;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a config file's tree and makes it a {@link GatewayFile}. Every mistake is a {@link
 * ConfigFileException} with the line and the path: an unknown or misspelt key, a value of the
 * wrong kind, a reference to a config that does not exist, a named config the gateway would refuse
 * (checked by the same parser that reads {@code x-portkey-config}).
 *
 * <pre>
 * server: {port: 8787, host: 127.0.0.1}      # any server option: max_body_bytes for --max-body-bytes
 * redis: redis://redis:6379                   # limit counters shared by replicas
 * auth:
 *   keys:
 *     - name: team-a
 *       key: ${TEAM_A_KEY}                    # or key_sha256: hex of SHA-256(key)
 *       configs: [default, cheap]             # optional: the named configs it may use
 *       inline_configs: false                 # its own JSON config or provider headers (default: no configs list)
 *       default_config: cheap                 # optional, instead of the file's default_config
 *       requests_per_minute: 60
 *       tokens_per_minute: 100000
 *       admin: true                           # also opens the request console (/public/)
 * configs: {default: {...}, cheap: {...}}     # named Portkey configs
 * default_config: default
 * </pre>
 */
final class GatewayFileParser {
    private static final Set<String> TOP = Set.of("server", "redis", "auth", "configs", "default_config");
    private static final Set<String> AUTH = Set.of("keys");
    private static final Set<String> KEY = Set.of(
            "name",
            "key",
            "key_sha256",
            "configs",
            "inline_configs",
            "default_config",
            "requests_per_minute",
            "tokens_per_minute",
            "admin");
    /** Config names double as model names: letters, digits and {@code . _ : / -}. */
    private static final Pattern CONFIG_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");
    /** Key names go into limit counters' keys and logs. */
    private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    static final int MIN_KEY_LENGTH = 16;

    private final LocatedTree tree;
    private final ConfigParser configs;

    private GatewayFileParser(LocatedTree tree, ConfigParser configs) {
        this.tree = tree;
        this.configs = configs;
    }

    /** Reads {@code text}, with {@code ${VAR}} taken from {@code env}. */
    static GatewayFile parse(String name, byte[] text, Map<String, String> env, long nowSeconds) {
        LocatedTree tree = LocatedTree.parse(name, text);
        EnvSubstitution.apply(tree, env);
        ConfigParser configParser = new ConfigParser(Providers.defaults(), CustomHostValidator.fromEnvironment());
        return new GatewayFileParser(tree, configParser).file(nowSeconds);
    }

    private GatewayFile file(long nowSeconds) {
        ObjectNode root = tree.root();
        onlyKnown(root, "", TOP);
        List<FileOption> serverOptions = serverOptions(root);
        Map<String, String> named = namedConfigs(root.get("configs"));
        Optional<String> defaultConfig = optionalText(root, "", "default_config");
        defaultConfig.ifPresent(config -> existing(config, named, "default_config"));
        List<GatewayKey> keys = root.has("auth") ? keys(root.get("auth"), named) : List.of();
        return new GatewayFile(tree.name(), serverOptions, keys, named, defaultConfig, nowSeconds);
    }

    private List<FileOption> serverOptions(ObjectNode root) {
        List<FileOption> options = new ArrayList<>();
        if (root.has("server")) {
            for (Map.Entry<String, JsonNode> field :
                    mapping(root.get("server"), "server").properties()) {
                String path = "server." + field.getKey();
                String flag = "--" + field.getKey().replace('_', '-');
                if (!field.getKey().equals(field.getKey().toLowerCase(java.util.Locale.ROOT))
                        || !ServerOptions.settableInFile(flag)) {
                    throw tree.error(
                            path,
                            "unknown server option; known: "
                                    + String.join(
                                            ", ",
                                            ServerOptions.fileSettableFlags().stream()
                                                    .map(f -> f.substring(2).replace('-', '_'))
                                                    .toList()));
                }
                options.add(new FileOption(flag, source(path), scalar(field.getValue(), path)));
            }
        }
        optionalText(root, "", "redis").ifPresent(url -> options.add(new FileOption("--redis", source("redis"), url)));
        ServerOptions.checkFileOptions(options);
        return List.copyOf(options);
    }

    private Map<String, String> namedConfigs(JsonNode node) {
        Map<String, String> named = new LinkedHashMap<>();
        if (node == null) {
            return named;
        }
        for (Map.Entry<String, JsonNode> entry : mapping(node, "configs").properties()) {
            String name = entry.getKey();
            String path = "configs." + name;
            if (!CONFIG_NAME.matcher(name).matches()) {
                throw tree.error(
                        path, "a config name is 1 to 128 letters, digits and . _ : / - (it is also a model name)");
            }
            String json = Json.text(mapping(entry.getValue(), path));
            try {
                configs.parse(json);
            } catch (ConfigException e) {
                String prefix = "Invalid config passed: " + (e.path().isEmpty() ? "" : e.path() + ": ");
                String problem =
                        e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
                throw tree.error(e.path().isEmpty() ? path : path + "." + e.path(), problem);
            } catch (GatewayException e) {
                throw tree.error(path, e.getMessage());
            }
            named.put(name, json);
        }
        return named;
    }

    private List<GatewayKey> keys(JsonNode authNode, Map<String, String> named) {
        ObjectNode auth = mapping(authNode, "auth");
        onlyKnown(auth, "auth", AUTH);
        JsonNode list = auth.get("keys");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw tree.error("auth.keys", "must list at least one key (or leave out auth: to run without keys)");
        }
        List<GatewayKey> keys = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            GatewayKey key = key(list.get(i), "auth.keys[" + i + "]", named);
            if (!names.add(key.name())) {
                throw tree.error("auth.keys[" + i + "].name", "another key has this name");
            }
            for (GatewayKey earlier : keys) {
                if (earlier.matches(key.sha256())) {
                    throw tree.error("auth.keys[" + i + "]", "the same key as " + earlier.name());
                }
            }
            keys.add(key);
        }
        return List.copyOf(keys);
    }

    private GatewayKey key(JsonNode node, String path, Map<String, String> named) {
        ObjectNode entry = mapping(node, path);
        onlyKnown(entry, path, KEY);
        String name = optionalText(entry, path, "name")
                .orElseThrow(() -> tree.error(path, "needs a name (for logs, limits and messages)"));
        if (!KEY_NAME.matcher(name).matches()) {
            throw tree.error(path + ".name", "a key name is 1 to 64 letters, digits and . _ -");
        }
        Optional<String> key = optionalText(entry, path, "key");
        Optional<String> hex = optionalText(entry, path, "key_sha256");
        if (key.isPresent() == hex.isPresent()) {
            throw tree.error(path, "needs exactly one of key and key_sha256");
        }
        byte[] hash = key.map(k -> GatewayKey.sha256(checkedKey(k, path + ".key")))
                .orElseGet(() -> sha256Hex(hex.get(), path + ".key_sha256"));
        Optional<Set<String>> allowed = configList(entry.get("configs"), path + ".configs", named);
        boolean inline = entry.has("inline_configs")
                ? bool(entry.get("inline_configs"), path + ".inline_configs")
                : allowed.isEmpty();
        Optional<String> defaultConfig = optionalText(entry, path, "default_config");
        defaultConfig.ifPresent(config -> {
            existing(config, named, path + ".default_config");
            if (allowed.isPresent() && !allowed.get().contains(config)) {
                throw tree.error(path + ".default_config", "is not one of this key's configs");
            }
        });
        return new GatewayKey(
                name,
                hash,
                allowed,
                inline,
                defaultConfig,
                positive(entry, path, "requests_per_minute"),
                positive(entry, path, "tokens_per_minute"),
                entry.has("admin") && bool(entry.get("admin"), path + ".admin"));
    }

    private String checkedKey(String key, String path) {
        if (key.length() < MIN_KEY_LENGTH) {
            throw tree.error(path, "a gateway key needs at least " + MIN_KEY_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c > '~') {
                throw tree.error(path, "a gateway key is printable ASCII without spaces (it travels in a header)");
            }
        }
        return key;
    }

    private byte[] sha256Hex(String hex, String path) {
        if (!SHA256_HEX.matcher(hex).matches()) {
            throw tree.error(path, "must be the 64 hex digits of the key's SHA-256 (printf %s \"$KEY\" | sha256sum)");
        }
        return HexFormat.of().parseHex(hex);
    }

    private Optional<Set<String>> configList(JsonNode node, String path, Map<String, String> named) {
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw tree.error(path, "must be a list of config names");
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String name = scalar(node.get(i), path + "[" + i + "]");
            existing(name, named, path + "[" + i + "]");
            names.add(name);
        }
        return Optional.of(Set.copyOf(names));
    }

    private void existing(String config, Map<String, String> named, String path) {
        if (!named.containsKey(config)) {
            throw tree.error(
                    path,
                    "names no config under configs:"
                            + (named.isEmpty() ? " there are none" : " they are " + String.join(", ", named.keySet())));
        }
    }

    private void onlyKnown(ObjectNode node, String path, Set<String> known) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!known.contains(field.getKey())) {
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                throw tree.error(
                        at, "unknown key; expected one of " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    private ObjectNode mapping(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw tree.error(path, "must be a mapping (key: value lines, or {...})");
    }

    private Optional<String> optionalText(ObjectNode node, String path, String field) {
        JsonNode value = node.get(field);
        return value == null
                ? Optional.empty()
                : Optional.of(scalar(value, path.isEmpty() ? field : path + "." + field));
    }

    /** A text, number or boolean, as text; never empty. */
    private String scalar(JsonNode value, String path) {
        if (!value.isValueNode() || value.isNull()) {
            throw tree.error(path, "must be a single value");
        }
        String text = value.asText();
        if (text.isBlank()) {
            throw tree.error(path, "must not be empty");
        }
        return text.strip();
    }

    private boolean bool(JsonNode value, String path) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = scalar(value, path);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw tree.error(path, "must be true or false");
    }

    private OptionalLong positive(ObjectNode node, String path, String field) {
        Optional<String> text = optionalText(node, path, field);
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long value = Long.parseLong(text.get());
            if (value >= 1) {
                return OptionalLong.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw tree.error(path + "." + field, "must be a whole number of at least 1");
    }

    private String source(String path) {
        int line = tree.line(path);
        return tree.name() + (line > 0 ? ":" + line : "") + ": " + path;
    }
}
