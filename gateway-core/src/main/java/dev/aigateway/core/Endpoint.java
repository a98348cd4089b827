package dev.aigateway.core;

/** The unified OpenAI-format endpoints, mirroring Portkey's endpoint strings. */
public enum Endpoint {
    CHAT_COMPLETE("chatComplete", "/chat/completions"),
    COMPLETE("complete", "/completions"),
    EMBED("embed", "/embeddings");

    private final String portkeyName;
    private final String openAiPath;

    Endpoint(String portkeyName, String openAiPath) {
        this.portkeyName = portkeyName;
        this.openAiPath = openAiPath;
    }

    /** Portkey's name for this endpoint, as used in its error messages ({@code chatComplete}). */
    public String portkeyName() {
        return portkeyName;
    }

    /** The path under {@code /v1} in OpenAI's API, e.g. {@code /chat/completions}. */
    public String openAiPath() {
        return openAiPath;
    }
}
