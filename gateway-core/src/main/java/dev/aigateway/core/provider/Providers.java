package dev.aigateway.core.provider;

import dev.aigateway.core.provider.anthropic.AnthropicProvider;
import dev.aigateway.core.provider.azureopenai.AzureOpenAiProvider;
import dev.aigateway.core.provider.bedrock.BedrockProvider;
import dev.aigateway.core.provider.cohere.CohereProvider;
import dev.aigateway.core.provider.google.GoogleProvider;
import dev.aigateway.core.provider.openai.OpenAiProvider;
import dev.aigateway.core.provider.openaicompat.OpenAiCompatibleProviders;
import dev.aigateway.core.provider.translate.ChatTranslations;
import dev.aigateway.core.provider.vertex.VertexProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The provider registry: one explicit list, no classpath scanning (Portkey's
 * {@code providers/index.ts}). Immutable and thread-safe.
 */
public final class Providers {
    /**
     * Every slug Portkey's gateway accepts ({@code VALID_PROVIDERS}). A slug here that this gateway
     * has not implemented yet gets a clear "not supported yet" error instead of "invalid provider".
     */
    static final Set<String> PORTKEY_SLUGS = Set.of(
            "openai",
            "cohere",
            "anthropic",
            "azure-openai",
            "huggingface",
            "anyscale",
            "palm",
            "together-ai",
            "google",
            "vertex-ai",
            "perplexity-ai",
            "mistral-ai",
            "deepinfra",
            "ncompass",
            "stability-ai",
            "nomic",
            "ollama",
            "ai21",
            "bedrock",
            "groq",
            "segmind",
            "jina",
            "fireworks-ai",
            "workers-ai",
            "reka-ai",
            "moonshot",
            "openrouter",
            "lingyi",
            "zhipu",
            "novita-ai",
            "monsterapi",
            "deepseek",
            "predibase",
            "triton",
            "voyage",
            "azure-ai",
            "github",
            "deepbricks",
            "siliconflow",
            "cerebras",
            "inference-net",
            "sambanova",
            "lemonfox-ai",
            "upstage",
            "dashscope",
            "x-ai",
            "qdrant",
            "sagemaker",
            "nebius",
            "recraft-ai",
            "milvus",
            "replicate",
            "lepton",
            "kluster-ai",
            "nscale",
            "hyperbolic",
            "bytez",
            "featherless-ai",
            "krutrim",
            "302ai",
            "cometapi",
            "matterai",
            "meshy",
            "nextbit",
            "tripo3d",
            "modal",
            "z-ai",
            "oracle",
            "iointelligence",
            "aibadgr",
            "ovhcloud",
            "cortex",
            "lambda",
            "portkey");

    private final Map<String, Provider> byId;

    private Providers(Map<String, Provider> byId) {
        this.byId = byId;
    }

    /** Every provider this gateway implements. */
    public static Providers defaults() {
        List<Provider> all = new ArrayList<>(List.of(
                new OpenAiProvider(), new GoogleProvider(), new AnthropicProvider(), new AzureOpenAiProvider()));
        all.add(new VertexProvider());
        all.addAll(OpenAiCompatibleProviders.all());
        all.add(new BedrockProvider());
        all.add(new CohereProvider());
        return of(all);
    }

    /**
     * A registry of exactly {@code providers}; later entries replace earlier ones with the same id.
     * Each chat provider also serves the Responses and Messages APIs it has no transform of its own
     * for, through its chat completions ({@link ChatTranslations}).
     */
    public static Providers of(Collection<? extends Provider> providers) {
        Map<String, Provider> byId = new LinkedHashMap<>();
        for (Provider provider : providers) {
            byId.put(provider.id(), ChatTranslations.withTranslations(provider));
        }
        return new Providers(java.util.Collections.unmodifiableMap(byId));
    }

    /** This registry plus {@code extra} (which wins on equal ids). */
    public Providers with(Provider... extra) {
        List<Provider> all = new ArrayList<>(byId.values());
        all.addAll(List.of(extra));
        return of(all);
    }

    public Optional<Provider> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<Provider> all() {
        return byId.values();
    }

    /** Whether Portkey's gateway knows this slug (implemented here or not). */
    public static boolean isPortkeySlug(String id) {
        return PORTKEY_SLUGS.contains(id);
    }
}
