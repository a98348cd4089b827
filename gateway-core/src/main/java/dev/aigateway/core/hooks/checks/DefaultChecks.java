package dev.aigateway.core.hooks.checks;

import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.upstream.CalloutClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/** Portkey's {@code default.*} checks, all 22 of them, by id. */
public final class DefaultChecks {
    private DefaultChecks() {}

    /**
     * The checks; those that call out (webhook, log, jwt, validUrls) use {@code http}, and
     * validUrls checks its URLs at once on {@code executor}.
     */
    public static Map<String, Check> create(CalloutClient http, Clock clock, Executor executor) {
        Map<String, Check> checks = new LinkedHashMap<>();
        checks.put("default.regexMatch", new RegexMatch());
        checks.put("default.sentenceCount", new SentenceCount());
        checks.put("default.wordCount", new WordCount());
        checks.put("default.characterCount", new CharacterCount());
        checks.put("default.jsonSchema", new JsonSchemaCheck());
        checks.put("default.jsonKeys", new JsonKeys());
        checks.put("default.contains", new Contains());
        checks.put("default.validUrls", new ValidUrls(http, executor));
        checks.put("default.webhook", new Webhook(http));
        checks.put("default.log", new LogCheck(http));
        checks.put("default.containsCode", new ContainsCode());
        checks.put("default.alluppercase", LetterCase.upper());
        checks.put("default.alllowercase", LetterCase.lower());
        checks.put("default.endsWith", new EndsWith());
        checks.put("default.modelWhitelist", new ModelWhitelist());
        checks.put("default.modelRules", new ModelRules());
        checks.put("default.jwt", new Jwt(new JwksCache(http, clock), clock));
        checks.put("default.requiredMetadataKeys", new RequiredMetadataKeys());
        checks.put("default.addPrefix", new AddPrefix());
        checks.put("default.regexReplace", new RegexReplace());
        checks.put("default.allowedRequestTypes", new AllowedRequestTypes());
        checks.put("default.notNull", new NotNull());
        return checks;
    }
}
