package dev.aigateway.core.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * How one OpenAI request parameter maps to one field of a provider's body: Portkey's
 * {@code ParameterConfig} as data. Applied by {@link ParamMapper}.
 *
 * @param target the dotted destination path, e.g. {@code generationConfig.maxOutputTokens}
 * @param defaultValue used for a {@code required} parameter that is absent, and in place of the
 *     literal {@code "portkey-default"}
 * @param min numbers below are raised to it
 * @param max numbers above are lowered to it
 * @param required whether the default is written when the parameter is absent
 * @param transform computes the value from the whole request; {@code null} result omits the field
 */
public record ParamSpec(
        String target,
        Optional<JsonNode> defaultValue,
        Optional<Double> min,
        Optional<Double> max,
        boolean required,
        Optional<ParamTransform> transform) {

    /** Computes a provider value from the request; returns {@code null} to leave the field out. */
    @FunctionalInterface
    public interface ParamTransform {
        JsonNode apply(ProviderRequest request);
    }

    /** Copies the parameter's value to {@code target} unchanged. */
    public static ParamSpec to(String target) {
        return new ParamSpec(target, Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty());
    }

    /** Writes {@code transform(request)} to {@code target} when the parameter is present. */
    public static ParamSpec to(String target, ParamTransform transform) {
        return to(target).withTransform(transform);
    }

    public ParamSpec withRange(double min, double max) {
        return new ParamSpec(target, defaultValue, Optional.of(min), Optional.of(max), required, transform);
    }

    public ParamSpec withDefault(JsonNode value) {
        return new ParamSpec(target, Optional.of(value), min, max, required, transform);
    }

    /** Writes the default when the parameter is absent. */
    public ParamSpec requiredWithDefault(JsonNode value) {
        return new ParamSpec(target, Optional.of(value), min, max, true, transform);
    }

    public ParamSpec withTransform(ParamTransform function) {
        return new ParamSpec(target, defaultValue, min, max, required, Optional.of(function));
    }
}
