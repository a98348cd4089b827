package dev.aigateway.core.hooks;

/** When a hook runs: before the request goes to the provider, or on its answer. */
public enum HookEvent {
    BEFORE_REQUEST("beforeRequestHook"),
    AFTER_REQUEST("afterRequestHook");

    private final String wireName;

    HookEvent(String wireName) {
        this.wireName = wireName;
    }

    /** Portkey's name: {@code beforeRequestHook} or {@code afterRequestHook}. */
    public String wireName() {
        return wireName;
    }
}
