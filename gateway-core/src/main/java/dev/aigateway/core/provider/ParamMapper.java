package dev.aigateway.core.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one generic request mapper (Portkey's {@code transformUsingProviderConfig}): for every
 * declared parameter, present values are transformed, defaulted and clamped, then written to their
 * target paths; absent required parameters get their default. Parameters not declared are dropped.
 * Immutable and thread-safe.
 */
public final class ParamMapper {
    private static final String PORTKEY_DEFAULT = "portkey-default";

    private final Map<String, List<ParamSpec>> specs;

    private ParamMapper(Map<String, List<ParamSpec>> specs) {
        this.specs = specs;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Maps the request's params to a new provider body. */
    public ObjectNode map(ProviderRequest request) {
        ObjectNode out = Json.object();
        ObjectNode params = request.params();
        specs.forEach((param, targets) -> {
            JsonNode present = params.get(param);
            boolean isPresent = present != null && !present.isNull();
            for (ParamSpec spec : targets) {
                if (isPresent) {
                    JsonNode value = spec.transform().isPresent()
                            ? spec.transform().get().apply(request)
                            : present;
                    if (value != null && value.isTextual() && PORTKEY_DEFAULT.equals(value.asText())) {
                        value = spec.defaultValue().orElse(null);
                    }
                    if (value != null && !value.isMissingNode()) {
                        Json.setPath(out, spec.target(), clamp(value, spec));
                    }
                } else if (spec.required() && spec.defaultValue().isPresent()) {
                    Json.setPath(out, spec.target(), spec.defaultValue().get());
                }
            }
        });
        return out;
    }

    private static JsonNode clamp(JsonNode value, ParamSpec spec) {
        if (!value.isNumber()) {
            return value;
        }
        double number = value.asDouble();
        if (spec.min().isPresent() && number < spec.min().get()) {
            return numberNode(spec.min().get());
        }
        if (spec.max().isPresent() && number > spec.max().get()) {
            return numberNode(spec.max().get());
        }
        return value;
    }

    private static JsonNode numberNode(double value) {
        return value == Math.rint(value) && Math.abs(value) < Integer.MAX_VALUE
                ? IntNode.valueOf((int) value)
                : DoubleNode.valueOf(value);
    }

    /** Declares parameters in order; not thread-safe. */
    public static final class Builder {
        private final Map<String, List<ParamSpec>> specs = new LinkedHashMap<>();

        private Builder() {}

        /** Declares {@code param}, mapped to one or more targets. */
        public Builder param(String param, ParamSpec... targets) {
            specs.put(param, List.of(targets));
            return this;
        }

        /** Declares parameters copied unchanged under their own names. */
        public Builder copy(String... params) {
            for (String param : params) {
                param(param, ParamSpec.to(param));
            }
            return this;
        }

        public ParamMapper build() {
            return new ParamMapper(Collections.unmodifiableMap(new LinkedHashMap<>(specs)));
        }
    }
}
