package dev.aigateway.core.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.openaicompat.OpenAiCompatibleProvider.Auth;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

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
    public static final String HUGGINGFACE = "huggingface";
    public static final String SAMBANOVA = "sambanova";
    public static final String NEBIUS = "nebius";
    public static final String DEEPINFRA = "deepinfra";
    public static final String HYPERBOLIC = "hyperbolic";
    public static final String NOVITA_AI = "novita-ai";
    public static final String LAMBDA = "lambda";
    public static final String MOONSHOT = "moonshot";
    public static final String Z_AI = "z-ai";
    public static final String DASHSCOPE = "dashscope";
    public static final String SILICONFLOW = "siliconflow";
    public static final String NSCALE = "nscale";
    /** Not one of Portkey's slugs: LM Studio's local server, a preset of {@link #OPENAI_COMPATIBLE}. */
    public static final String LM_STUDIO = "lm-studio";
    /** Not one of Portkey's slugs: a vLLM server, a preset of {@link #OPENAI_COMPATIBLE}. */
    public static final String VLLM = "vllm";
    /** Not one of Portkey's slugs: any self-hosted OpenAI-compatible server behind a custom host. */
    public static final String OPENAI_COMPATIBLE = "openai-compatible";

    static final String OLLAMA_DEFAULT_HOST = "http://localhost:11434";
    static final String LM_STUDIO_DEFAULT_HOST = "http://localhost:1234/v1";
    static final String VLLM_DEFAULT_HOST = "http://localhost:8000/v1";
    static final String HUGGINGFACE_ROUTER = "https://router.huggingface.co";
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
                openAiCompatible(),
                huggingface(),
                sambanova(),
                nebius(),
                deepinfra(),
                hyperbolic(),
                novitaAi(),
                lambda(),
                moonshot(),
                zAi(),
                dashscope(),
                siliconflow(),
                nscale(),
                lmStudio(),
                vllm());
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
                .embeddings(EmbeddingsRoute.at("/embeddings")
                        .rename("dimensions", "output_dimension")
                        .exclude("user"))
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
                .embeddings("/v1/embeddings")
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
                .embeddings("/embeddings")
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
                .embeddings("/v1/embeddings")
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
        return selfHosted(OPENAI_COMPATIBLE)
                .baseUrl(request -> {
                    throw GatewayException.badRequest(
                            OPENAI_COMPATIBLE
                                    + " needs custom_host (config key) or x-portkey-custom-host (header): the server's base URL, e.g. http://localhost:8000/v1");
                })
                .models("/models")
                .build();
    }

    /**
     * Hugging Face's Inference Providers router ({@code model} may end in {@code :provider},
     * {@code :fastest} or {@code :cheapest}). {@code huggingface_base_url} (Portkey's field) points
     * at a dedicated Inference Endpoint instead; it must be an https URL.
     */
    public static OpenAiCompatibleProvider huggingface() {
        return OpenAiCompatibleProvider.builder(HUGGINGFACE)
                .baseUrl(request -> httpsField(request, "huggingfaceBaseUrl", "huggingface_base_url")
                        .orElse(HUGGINGFACE_ROUTER))
                .endpoint(Endpoint.CHAT_COMPLETE, "/v1/chat/completions")
                .rename("max_completion_tokens", "max_tokens")
                .build();
    }

    /** SambaNova Cloud: paths under {@code /v1}; stream usage comes with timing fields, kept. */
    public static OpenAiCompatibleProvider sambanova() {
        return hosted(SAMBANOVA, "https://api.sambanova.ai")
                .endpoint(Endpoint.CHAT_COMPLETE, "/v1/chat/completions")
                .embeddings("/v1/embeddings")
                .build();
    }

    /** Nebius AI Studio (Token Factory). */
    public static OpenAiCompatibleProvider nebius() {
        return hosted(NEBIUS, "https://api.studio.nebius.com/v1")
                .embeddings("/embeddings")
                .build();
    }

    /** DeepInfra's OpenAI API; its FastAPI errors ({@code detail}) become the envelope. */
    public static OpenAiCompatibleProvider deepinfra() {
        return hosted(DEEPINFRA, "https://api.deepinfra.com/v1/openai")
                .embeddings("/embeddings")
                .build();
    }

    /** Hyperbolic: paths under {@code /v1}; {@code top_k}, {@code min_p}, {@code repetition_penalty} pass. */
    public static OpenAiCompatibleProvider hyperbolic() {
        return hosted(HYPERBOLIC, "https://api.hyperbolic.xyz")
                .endpoint(Endpoint.CHAT_COMPLETE, "/v1/chat/completions")
                .build();
    }

    /** Novita AI's OpenAI API: paths under {@code /v1}. */
    public static OpenAiCompatibleProvider novitaAi() {
        return hosted(NOVITA_AI, "https://api.novita.ai/openai")
                .endpoint(Endpoint.CHAT_COMPLETE, "/v1/chat/completions")
                .embeddings("/v1/embeddings")
                .build();
    }

    /** Lambda's inference API. */
    public static OpenAiCompatibleProvider lambda() {
        return hosted(LAMBDA, "https://api.lambda.ai/v1").build();
    }

    /**
     * Moonshot (Kimi): {@code temperature} up to 1; its streams may put usage inside the last
     * choice, where it is lifted from. It takes {@code max_completion_tokens} as it is. Portkey's
     * host, the China platform's; keys of the international one need custom_host
     * {@code https://api.moonshot.ai}.
     */
    public static OpenAiCompatibleProvider moonshot() {
        return OpenAiCompatibleProvider.builder(MOONSHOT)
                .baseUrl("https://api.moonshot.cn")
                .endpoint(Endpoint.CHAT_COMPLETE, "/v1/chat/completions")
                .clamp("temperature", 0, 1)
                .chunkAdjuster(OpenAiCompatibleProviders::liftChoiceUsage)
                .build();
    }

    /** Z.ai (GLM): {@code temperature} up to 1; {@code sensitive} ends an answer its filter stopped. */
    public static OpenAiCompatibleProvider zAi() {
        return hosted(Z_AI, "https://api.z.ai/api/paas/v4")
                .embeddings("/embeddings")
                .clamp("temperature", 0, 1)
                .finishReason("sensitive", "content_filter")
                .build();
    }

    /** Alibaba Cloud Model Studio (DashScope), international region, compatible mode. */
    public static OpenAiCompatibleProvider dashscope() {
        return hosted(DASHSCOPE, "https://dashscope-intl.aliyuncs.com/compatible-mode/v1")
                .embeddings("/embeddings")
                .build();
    }

    /** SiliconFlow, China platform (Portkey's host). */
    public static OpenAiCompatibleProvider siliconflow() {
        return hosted(SILICONFLOW, "https://api.siliconflow.cn/v1")
                .embeddings("/embeddings")
                .build();
    }

    /** Nscale's serverless inference. */
    public static OpenAiCompatibleProvider nscale() {
        return hosted(NSCALE, "https://inference.api.nscale.com/v1").build();
    }

    /**
     * What most hosted servers built on vLLM or SGLang share: a Bearer key, chat at
     * {@code /chat/completions}, and {@code max_tokens} (some ignore {@code
     * max_completion_tokens}, which the Responses and Messages translations send).
     */
    private static OpenAiCompatibleProvider.Builder hosted(String id, String baseUrl) {
        return OpenAiCompatibleProvider.builder(id).baseUrl(baseUrl).rename("max_completion_tokens", "max_tokens");
    }

    /** LM Studio's local server: the generic provider with LM Studio's default address. */
    public static OpenAiCompatibleProvider lmStudio() {
        return selfHosted(LM_STUDIO)
                .baseUrl(LM_STUDIO_DEFAULT_HOST)
                .rename("max_completion_tokens", "max_tokens")
                .build();
    }

    /** A vLLM server: the generic provider with vLLM's default address (it takes every OpenAI name). */
    public static OpenAiCompatibleProvider vllm() {
        return selfHosted(VLLM).baseUrl(VLLM_DEFAULT_HOST).build();
    }

    /**
     * What every self-hosted server shares: OpenAI's paths under the base URL (which includes
     * {@code /v1}), chat and embeddings, and a Bearer key only when one is given.
     */
    private static OpenAiCompatibleProvider.Builder selfHosted(String id) {
        return OpenAiCompatibleProvider.builder(id).embeddings("/embeddings");
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

    /**
     * Moves a stream's usage from inside its choice ({@code choices[0].usage}, as Moonshot sends
     * it) to the chunk, where {@link RelayedUsage} places it as OpenAI does.
     */
    static void liftChoiceUsage(ObjectNode chunk) {
        for (JsonNode choice : chunk.path("choices")) {
            if (choice instanceof ObjectNode object && object.get("usage") instanceof ObjectNode usage) {
                object.remove("usage");
                if (!chunk.hasNonNull("usage")) {
                    chunk.set("usage", usage);
                }
            }
        }
    }

    /**
     * A provider field holding a base URL: present, an absolute https URL without user info,
     * query or fragment (it receives the key), else a 400 naming {@code configKey}.
     */
    private static Optional<String> httpsField(ProviderRequest request, String field, String configKey) {
        String value = field(request, field);
        if (value == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            if ("https".equals(uri.getScheme())
                    && uri.getHost() != null
                    && uri.getUserInfo() == null
                    && uri.getQuery() == null
                    && uri.getFragment() == null) {
                return Optional.of(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw GatewayException.badRequest(
                configKey + " must be an https URL without query, e.g. https://xyz.endpoints.huggingface.cloud");
    }
}
