package dev.aigateway.core.provider;

import java.util.Map;
import java.util.Optional;

/**
 * What a target says about reaching its provider: the provider slug, the API key, a custom host,
 * and every other provider field of the config or the {@code x-portkey-*} headers under its
 * camelCase name ({@code resourceName}, {@code deploymentId}, {@code apiVersion},
 * {@code anthropicVersion}, ...). Object-valued fields are kept as JSON text.
 *
 * <p>{@link #toString()} never prints values, which may be secrets.
 */
public record ProviderOptions(
        String provider, Optional<String> apiKey, Optional<String> customHost, Map<String, String> fields) {
    public ProviderOptions {
        fields = Map.copyOf(fields);
    }

    public static ProviderOptions of(String provider, String apiKey) {
        return new ProviderOptions(provider, Optional.ofNullable(apiKey), Optional.empty(), Map.of());
    }

    /** A provider field by its camelCase name, e.g. {@code field("resourceName")}. */
    public Optional<String> field(String camelCaseName) {
        return Optional.ofNullable(fields.get(camelCaseName));
    }

    public ProviderOptions withCustomHost(Optional<String> host) {
        return new ProviderOptions(provider, apiKey, host, fields);
    }

    @Override
    public String toString() {
        return "ProviderOptions[provider=" + provider + ", apiKey=" + (apiKey.isPresent() ? "<set>" : "<none>")
                + ", customHost=" + customHost.orElse("<none>") + ", fields=" + fields.keySet() + "]";
    }
}
