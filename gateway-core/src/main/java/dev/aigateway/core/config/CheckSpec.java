package dev.aigateway.core.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One check of a hook: {@code {"id":"default.contains","parameters":{...},"is_enabled":true}}.
 *
 * @param id {@code <namespace>.<function>}, e.g. {@code default.regexMatch}
 * @param enabled false when the config says {@code is_enabled: false}: the check is skipped
 */
public record CheckSpec(String id, ObjectNode parameters, boolean enabled) {
    public CheckSpec {
        parameters = parameters.deepCopy();
    }

    /** A copy of the check's parameters: the config tree is shared by every request that sends it. */
    @Override
    public ObjectNode parameters() {
        return parameters.deepCopy();
    }

    /** Portkey's {@code parameters.failOnError}: whether an error in this check fails its hook. */
    public boolean failOnError() {
        return parameters.path("failOnError").asBoolean(false);
    }
}
