package dev.aigateway.core.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.provider.ProviderRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * What an OpenAI-compatible provider changes in an OpenAI request body, in this order: parameters
 * removed, parameters renamed, {@code developer} messages turned into {@code system}, then the
 * provider's own rewrites. When nothing applies, the caller's params object itself is returned, so
 * its bytes are relayed without re-serialising.
 */
record RequestEdits(
        Set<String> excluded, Map<String, String> renamed, boolean developerAsSystem, List<Rewrite> rewrites) {
    /** A change to the body, made on a copy and only when {@code when} holds. */
    record Rewrite(Predicate<ProviderRequest> when, BiConsumer<ObjectNode, ProviderRequest> change) {}

    RequestEdits {
        excluded = Set.copyOf(excluded);
        renamed = Map.copyOf(renamed);
        rewrites = List.copyOf(rewrites);
    }

    JsonNode apply(ProviderRequest request) {
        ObjectNode params = request.params();
        boolean rolesToMap = developerAsSystem && hasDeveloperMessage(params);
        boolean fieldsToChange = excluded.stream().anyMatch(params::has)
                || renamed.keySet().stream().anyMatch(params::has);
        List<Rewrite> applying = new ArrayList<>(rewrites.size());
        for (Rewrite rewrite : rewrites) {
            if (rewrite.when().test(request)) {
                applying.add(rewrite);
            }
        }
        if (!rolesToMap && !fieldsToChange && applying.isEmpty()) {
            return params;
        }
        ObjectNode body = params.deepCopy();
        excluded.forEach(body::remove);
        renamed.forEach((from, to) -> {
            JsonNode value = body.remove(from);
            if (value != null) {
                body.set(to, value);
            }
        });
        if (rolesToMap) {
            for (JsonNode message : body.withArray("messages")) {
                if (message instanceof ObjectNode m
                        && "developer".equals(m.path("role").asText())) {
                    m.put("role", "system");
                }
            }
        }
        applying.forEach(rewrite -> rewrite.change().accept(body, request));
        return body;
    }

    private static boolean hasDeveloperMessage(ObjectNode params) {
        JsonNode messages = params.get("messages");
        if (messages instanceof ArrayNode array) {
            for (JsonNode message : array) {
                if ("developer".equals(message.path("role").asText())) {
                    return true;
                }
            }
        }
        return false;
    }
}
