package dev.aigateway.examples;

import java.util.Optional;

/**
 * How the gateway reaches one provider: its API key, if there is one, and a {@code custom_host}
 * when the provider is not at its public address (a fake, a proxy). Real runs have no custom host.
 */
public record ProviderAccess(Optional<String> apiKey, Optional<String> customHost) {

    /** The provider at its public address. */
    public static ProviderAccess key(String apiKey) {
        return new ProviderAccess(Optional.of(apiKey), Optional.empty());
    }

    /** The same access without a key: the provider will refuse the call. */
    public ProviderAccess withoutKey() {
        return new ProviderAccess(Optional.empty(), customHost);
    }

    /** The same access at another base URL. */
    public ProviderAccess at(String baseUrl) {
        return new ProviderAccess(apiKey, Optional.of(baseUrl));
    }

    @Override
    public String toString() {
        // Never show the key itself.
        return "ProviderAccess[apiKey=" + (apiKey.isPresent() ? "***" : "<none>") + ", customHost="
                + customHost.orElse("<none>") + "]";
    }
}
