package dev.aigateway.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.provider.Providers;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code cache} block: mode, max age, and the semantic mode's similarity and embeddings target. */
class CacheConfigParsingTest {
    private final ConfigParser parser =
            new ConfigParser(Providers.defaults(), CustomHostValidator.create(Optional.empty()));

    private CacheConfig cache(String json) {
        return parser.parse(json.replace('\'', '"')).cache().orElseThrow();
    }

    @Test
    void aSemanticCacheNamesItsEmbeddingsTargetAndItsModelMovesIntoOverrideParams() {
        CacheConfig cache = cache("{'provider':'openai','cache':{'mode':'semantic','max_age':600,'similarity':0.9,"
                + "'embeddings':{'provider':'openai','api_key':'sk-embed','model':'text-embedding-3-small'}}}");

        assertTrue(cache.semantic());
        assertEquals(600, cache.maxAgeSeconds().getAsLong());
        assertEquals(0.9, cache.similarity().getAsDouble());
        assertEquals(
                "text-embedding-3-small",
                cache.embeddings().orElseThrow().at("/override_params/model").asText());
        assertFalse(cache.embeddings().orElseThrow().has("model"));
    }

    @Test
    void theEmbeddingsKeyIsNeverPrinted() {
        CacheConfig cache = cache("{'provider':'openai','cache':{'mode':'semantic',"
                + "'embeddings':{'provider':'openai','api_key':'sk-embed-secret','model':'m'}}}");

        assertFalse(cache.toString().contains("sk-embed-secret"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{'provider':'openai','cache':{'mode':'semantic','similarity':1.5}}"
                        + "|Invalid config passed: cache.similarity: must be a number above 0 and at most 1",
                "{'provider':'openai','cache':{'mode':'semantic','similarity':'high'}}"
                        + "|Invalid config passed: cache.similarity: must be a number above 0 and at most 1",
                "{'provider':'openai','cache':{'mode':'semantic','embeddings':'openai'}}"
                        + "|Invalid config passed: cache.embeddings: must be a target object with a provider",
                "{'provider':'openai','cache':{'mode':'semantic','embeddings':{'api_key':'k'}}}"
                        + "|Invalid config passed: cache.embeddings: must be a single target with a provider",
                "{'provider':'openai','cache':{'mode':'semantic','embeddings':{'strategy':{'mode':'fallback'},"
                        + "'targets':[{'provider':'openai'}]}}}"
                        + "|Invalid config passed: cache.embeddings: must be a single target with a provider",
                "{'provider':'openai','cache':{'mode':'semantic','embeddings':{'provider':'acme'}}}"
                        + "|Invalid config passed: cache.embeddings.provider: Invalid provider passed: 'acme'.",
                "{'provider':'openai','cache':{'mode':'semantic','embeddings':{'provider':'openai','model':3}}}"
                        + "|Invalid config passed: cache.embeddings.model: must be a model name",
                "{'provider':'openai','cache':{'mode':'semantic','embeddings':{'provider':'openai',"
                        + "'custom_host':'http://169.254.169.254/'}}}"
                        + "|Invalid config passed: cache.embeddings.custom_host: Invalid custom host",
            })
    void problemsNameTheirPath(String json, String message) {
        GatewayException e = assertThrows(GatewayException.class, () -> parser.parse(json.replace('\'', '"')));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
