package dev.aigateway.core.config;

/** What a hook does: judges (a guardrail) or rewrites (a mutator), as Portkey's {@code type}. */
public enum HookType {
    GUARDRAIL("guardrail"),
    MUTATOR("mutator");

    private final String wireName;

    HookType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
