package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code default.modelRules}: the models allowed by {@code rules}: those that
 * {@code rules.metadata.<key>.<value>} lists for the request's {@code x-portkey-metadata}, else
 * {@code rules.defaults}.
 */
final class ModelRules implements Check {
    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        boolean not = Params.flag(parameters, "not");
        String model = context.request().path("model").asText("");
        JsonNode rules = parameters.get("rules");
        String problem = model.isEmpty()
                ? "Missing model in request"
                : rules == null || !rules.isObject() ? "Missing rules configuration" : null;
        if (problem != null) {
            return error(problem);
        }
        Set<String> matched = new LinkedHashSet<>();
        List<String> matchedRules = new ArrayList<>();
        JsonNode metadataRules = rules.path("metadata");
        if (metadataRules.isObject()) {
            for (Map.Entry<String, JsonNode> rule : metadataRules.properties()) {
                JsonNode value = context.metadata().get(rule.getKey());
                if (value == null || value.isNull()) {
                    continue;
                }
                List<String> values = new ArrayList<>();
                if (value.isArray()) {
                    value.forEach(v -> values.add(v.asText()));
                } else {
                    values.add(value.asText());
                }
                for (String v : values) {
                    JsonNode models = rule.getValue().path(v);
                    if (models.isArray()) {
                        matchedRules.add(rule.getKey() + ":" + v);
                        models.forEach(m -> {
                            if (m.isTextual() && !m.asText().isEmpty()) {
                                matched.add(m.asText());
                            }
                        });
                    }
                }
            }
        }
        List<String> allowed = new ArrayList<>(matched);
        boolean usingDefaults = false;
        if (allowed.isEmpty()) {
            rules.path("defaults").forEach(m -> allowed.add(m.asText()));
            usingDefaults = true;
        }
        if (allowed.isEmpty()) {
            return error("No allowed models resolved from rules");
        }
        boolean inList = allowed.contains(model);
        boolean verdict = not != inList;
        String quoted = "Model \"" + model + "\" ";
        String explanation;
        if (verdict) {
            explanation = not ? quoted + "is not permitted by rules (blocked list)." : quoted + "is allowed by rules.";
            if (!matchedRules.isEmpty()) {
                explanation += " (matched rules: " + String.join(", ", matchedRules) + ")";
            } else if (usingDefaults) {
                explanation += " (using default models)";
            }
        } else {
            explanation =
                    not ? quoted + "is permitted by rules (in blocked list)." : quoted + "is not allowed by rules.";
        }
        ObjectNode data = Json.object();
        data.put("explanation", explanation);
        return CheckOutcome.of(verdict, data);
    }

    private static CheckOutcome error(String problem) {
        ObjectNode data = Json.object();
        data.put("explanation", "An error occurred while checking model rules: " + problem);
        return CheckOutcome.failed(false, CheckError.of(problem), data);
    }
}
