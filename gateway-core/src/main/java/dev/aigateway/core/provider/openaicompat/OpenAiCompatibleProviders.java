package dev.aigateway.core.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.openaicompat.OpenAiCompatibleProvider.Auth;
import java.util.List;

/**
 * The thin OpenAI-compatible providers, one factory each: base URL, path, auth, and what the
 * provider rejects or names differently (Portkey's exclusions and renames, see
 * {@code docs/providers.md}). Each serves {@code chatComplete}; answers and stream chunks get
 * {@code "provider":"<slug>"}, streams end with the upstream's {@code [DONE]}. Those with
 * OpenAI-shaped model lists serve {@code GET /v1/models}; Groq serves audio, xAI and Together
 * image generation, relayed as they are; every one serves the proxy.
 */
public final class OpenAiCompatibleProviders {
    public static final String GROQ = "groq";
    public static final String MISTRAL_AI = "mistral-ai";
    public static final String TOGETHER_AI = "together-ai";
    public static final String FIREWORKS_AI = "fireworks-ai";
    public static final String DEEPSEEK = "deepseek";
    public static final String OPENROUTER = "openrouter";
    public static final String PERPLEXITY_AI = "perplexity-ai";
    public static final String X_AI = "x-ai";
    public static final String CEREBRAS = "cerebras";
    public static final String OLLAMA = "ollama";
    /** Not one of Portkey's slugs: any self-hosted OpenAI-compatible server behind a custom host. */
    public static final String OPENAI_COMPATIBLE = "openai-compatible";

    static final String OLLAMA_DEFAULT_HOST = "http://localhost:11434";
    static final String OPENROUTER_DEFAULT_TITLE = "AI Gateway";

    /**
     * OpenAI-only parameters Mistral refuses (it rejects unknown fields with a 422); Portkey drops
     * them too, as its Mistral table does not declare them.
     */
    private static final String[] MISTRAL_UNSUPPORTED = {
        "logit_bias",
        "logprobs",
        "top_logprobs",
        "user",
        "store",
        "service_tier",
        "stream_options",
        "modalities",
        "audio",
        "reasoning_effort",
        "web_search_options",
        "prompt_cache_key",
        "safety_identifier",
        "verbosity",
        "functions",
        "function_call"
    };

    private OpenAiCompatibleProviders() {}

    /** Every provider of the family, in the order of {@code docs/providers.md}. */
    public static List<Provider> all() {
        return List.of(
                groq(),
                mistralAi(),
                togetherAi(),
                fireworksAi(),
                deepseek(),
                openrouter(),
                perplexityAi(),
                xAi(),
                cerebras(),
                ollama(),
                openAiCompatible());
    }

    /** Groq: 400s on log-probability parameters; streams carry usage under {@code x_groq}. */
    public static OpenAiCompatibleProvider groq() {
        return OpenAiCompatibleProvider.builder(GROQ)
                .baseUrl("https://api.groq.com/openai/v1")
                .openAiPaths(Endpoint.CREATE_SPEECH, Endpoint.CREATE_TRANSCRIPTION, Endpoint.CREATE_TRANSLATION)
                .models("/models")
                .exclude("logprobs", "logit_bias", "top_logprobs")
                .chunkAdjuster(OpenAiCompatibleProviders::liftGroqUsage)
                .build();
    }

    /** Mistral: its own names for the seed and token limit, {@code any} for a required tool call. */
    public static OpenAiCompatibleProvider mistralAi() {
        return OpenAiCompatibleProvider.builder(MISTRAL_AI)
                .baseUrl("https://api.mistral.ai/v1")
                .models("/models")
                .exclude(MISTRAL_UNSUPPORTED)
                .rename("seed", "random_seed")
                .rename("max_completion_tokens", "max_tokens")
                .rename("safe_mode", "safe_prompt")
                .rewrite(
                        request -> "required".equals(Json.textOrNull(request.params(), "tool_choice")),
                        (body, request) -> body.put("tool_choice", "any"))
                .finishReason("model_length", "length")
                .finishReason("error", "stop")
                .build();
    }

    /** Together: paths under {@code /v1}; {@code eos} is its word for a natural stop. */
    public static OpenAiCompatibleProvider togetherAi() {
        return OpenAiCompatibleProvider.builder(TOGETHER_AI)
                .baseUrl("https://api.together.xyz")
                .endpoint(Endpoint.CHAT_COMPLETE, "/v1/chat/completions")
                .endpoint(Endpoint.IMAGE_GENERATE, "/v1/images/generations")
                .rename("max_completion_tokens", "max_tokens")
                .finishReason("eos", "stop")
                .build();
    }

    /** Fireworks: the inference API, asked for JSON as Portkey asks. */
    public static OpenAiCompatibleProvider fireworksAi() {
        return OpenAiCompatibleProvider.builder(FIREWORKS_AI)
                .baseUrl("https://api.fireworks.ai/inference/v1")
                .header("Accept", "application/json")
                .rename("max_completion_tokens", "max_tokens")
                .build();
    }

    /** DeepSeek: paths under {@code /v1}; an overloaded service ends with its own finish reason. */
    public static OpenAiCompatibleProvider deepseek() {
        return OpenAiCompatibleProvider.builder(DEEPSEEK)
                .baseUrl("https://api.deepseek.com")
                .endpoint(Endpoint.CHAT_COMPLETE, "/v1/chat/completions")
                .models("/models")
                .rename("max_completion_tokens", "max_tokens")
                .finishReason("insufficient_system_resource", "stop")
                .build();
    }

    /**
     * OpenRouter: {@code reasoning_effort} becomes {@code reasoning.effort} and
     * {@code stream_options.include_usage} becomes {@code usage.include}. It ranks apps by the
     * {@code HTTP-Referer} and {@code X-Title} headers: taken from the provider fields
     * {@code openrouterHttpReferer} and {@code openrouterXTitle}, with this gateway's name as the
     * default title (Portkey sends its own name and site).
     */
    public static OpenAiCompatibleProvider openrouter() {
        return OpenAiCompatibleProvider.builder(OPENROUTER)
                .baseUrl("https://openrouter.ai/api")
                .endpoint(Endpoint.CHAT_COMPLETE, "/v1/chat/completions")
                .models("/v1/models")
                .header("HTTP-Referer", request -> field(request, "openrouterHttpReferer"))
                .header("X-Title", request -> {
                    String title = field(request, "openrouterXTitle");
                    return title == null ? OPENROUTER_DEFAULT_TITLE : title;
                })
                .rename("max_completion_tokens", "max_tokens")
                .rewrite(
                        request -> request.params().has("reasoning_effort")
                                || request.params().has("stream_options"),
                        OpenAiCompatibleProviders::openRouterReasoningAndUsage)
                .build();
    }

    /** Perplexity: Sonar models, OpenAI's shape with search extras passed through. */
    public static OpenAiCompatibleProvider perplexityAi() {
        return OpenAiCompatibleProvider.builder(PERPLEXITY_AI)
                .baseUrl("https://api.perplexity.ai")
                .rename("max_completion_tokens", "max_tokens")
                .build();
    }

    /** xAI (Grok): fully OpenAI-shaped; its errors may be plain text, which the envelope handles. */
    public static OpenAiCompatibleProvider xAi() {
        return OpenAiCompatibleProvider.builder(X_AI)
                .baseUrl("https://api.x.ai/v1")
                .openAiPaths(Endpoint.IMAGE_GENERATE)
                .models("/models")
                .build();
    }

    /** Cerebras: 400s on the penalty, logit and log-probability parameters and a few others. */
    public static OpenAiCompatibleProvider cerebras() {
        return OpenAiCompatibleProvider.builder(CEREBRAS)
                .baseUrl("https://api.cerebras.ai/v1")
                .models("/models")
                .exclude(
                        "frequency_penalty",
                        "logit_bias",
                        "logprobs",
                        "presence_penalty",
                        "parallel_tool_calls",
                        "service_tier")
                .build();
    }

    /**
     * Ollama's OpenAI-compatible API: no key, {@code thinking} becomes its boolean {@code think}.
     * Portkey requires a custom host; here it defaults to a local Ollama at {@value #OLLAMA_DEFAULT_HOST}.
     */
    public static OpenAiCompatibleProvider ollama() {
        return OpenAiCompatibleProvider.builder(OLLAMA)
                .baseUrl(OLLAMA_DEFAULT_HOST)
                .endpoint(Endpoint.CHAT_COMPLETE, "/v1/chat/completions")
                .models("/v1/models")
                .auth(Auth.NONE)
                .rename("max_completion_tokens", "max_tokens")
                .rewrite(request -> request.params().hasNonNull("thinking"), (body, request) -> {
                    JsonNode thinking = body.remove("thinking");
                    body.put("think", !"disabled".equals(thinking.path("type").asText()));
                })
                .build();
    }

    /**
     * A self-hosted OpenAI-compatible server (vLLM, LM Studio, llama.cpp, ...): the custom host is
     * its base URL up to and including {@code /v1}, and is required. The key, when given, is sent
     * as a Bearer token.
     */
    public static OpenAiCompatibleProvider openAiCompatible() {
        return OpenAiCompatibleProvider.builder(OPENAI_COMPATIBLE)
                .baseUrl(request -> {
                    throw GatewayException.badRequest(
                            OPENAI_COMPATIBLE
                                    + " needs custom_host (config key) or x-portkey-custom-host (header): the server's base URL, e.g. http://localhost:8000/v1");
                })
                .models("/models")
                .build();
    }

    /**
     * Groq reports a stream's usage in {@code x_groq.usage} on the finish chunk; OpenAI clients read
     * {@code usage}. Lifted there, it is then moved like any other upstream's ({@link RelayedUsage}).
     */
    static void liftGroqUsage(ObjectNode chunk) {
        JsonNode usage = chunk.path("x_groq").path("usage");
        if (usage.isObject() && !chunk.hasNonNull("usage")) {
            ObjectNode lifted = chunk.putObject("usage");
            for (String field : new String[] {"prompt_tokens", "completion_tokens", "total_tokens"}) {
                lifted.put(field, usage.path(field).asLong(0));
            }
        }
    }

    static void openRouterReasoningAndUsage(ObjectNode body, ProviderRequest request) {
        JsonNode effort = body.remove("reasoning_effort");
        if (effort != null && !effort.isNull()) {
            if (!(body.get("reasoning") instanceof ObjectNode)) {
                body.putObject("reasoning");
            }
            ((ObjectNode) body.get("reasoning")).set("effort", effort);
        }
        JsonNode streamOptions = body.remove("stream_options");
        if (streamOptions != null && streamOptions.path("include_usage").asBoolean(false)) {
            if (!(body.get("usage") instanceof ObjectNode)) {
                body.putObject("usage");
            }
            ((ObjectNode) body.get("usage")).put("include", true);
        }
    }

    private static String field(ProviderRequest request, String name) {
        return request.options().field(name).filter(value -> !value.isBlank()).orElse(null);
    }
}
