package dev.aigateway.core.config;

import java.util.Set;

/** Config key spellings: Portkey accepts snake_case and camelCase alike. */
final class ConfigKeys {
    /** Keys with a meaning of their own; every other key is a provider field. */
    static final Set<String> STRUCTURAL = Set.of(
            "strategy",
            "targets",
            "provider",
            "api_key",
            "override_params",
            "retry",
            "cache",
            "request_timeout",
            "custom_host",
            "forward_headers",
            "strict_open_ai_compliance",
            "weight",
            "name",
            "stream_idle_timeout");

    /**
     * Accepted for compatibility and ignored: they have no effect in a local gateway ({@code
     * cb_config} means something under {@code strategy} only).
     */
    static final Set<String> IGNORED = Set.of(
            "id",
            "on_status_codes",
            "cb_config",
            "is_open",
            "virtual_key",
            // As in Portkey, the default-guardrail headers replace these; a config's own are unused.
            "default_input_guardrails",
            "default_output_guardrails");

    /** Hook and guardrail keys, read by {@link HookParser}. */
    static final Set<String> HOOKS = Set.of(
            "before_request_hooks",
            "after_request_hooks",
            "input_guardrails",
            "output_guardrails",
            "input_mutators",
            "output_mutators");

    private ConfigKeys() {}

    /** {@code apiKey} → {@code api_key}; snake_case stays as it is. */
    static String snake(String key) {
        StringBuilder out = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                out.append('_').append((char) (c + ('a' - 'A')));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code resource_name} and {@code x-portkey-style} kebab names → {@code resourceName}. */
    static String camel(String key) {
        StringBuilder out = new StringBuilder(key.length());
        boolean upper = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '_' || c == '-') {
                upper = out.length() > 0;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
