package dev.aigateway.server;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.config.PortkeyHeaders;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.pipeline.CallInterceptor;
import dev.aigateway.core.pipeline.CallRequest;
import java.util.List;
import java.util.Optional;

/**
 * The config file at work on each call, before anything else reads the request: checks the
 * gateway API key (401 without a valid one, when the file lists keys), picks the named config that
 * routes the call, refuses what the key may not use (403), and removes the caller's credentials so
 * that they never reach a provider.
 *
 * <p>The config, in order: {@code x-portkey-config: <name>}; an inline JSON config or
 * {@code x-portkey-provider} (kept, when the key may send its own); a body whose {@code model} is a
 * config's name (a model alias, for clients that can set nothing else); the key's
 * {@code default_config}, then the file's. A named config goes in as the JSON text of
 * {@code x-portkey-config}, so the gateway reads it as it reads the header, and the call keeps it
 * whatever reloads happen meanwhile.
 */
final class KeyAccess implements CallInterceptor {
    /** The gateway key that made the call, for limits, logs and metrics. */
    static final CallInfo.Attribute<GatewayKey> KEY = CallInfo.Attribute.of("gateway.key", GatewayKey.class);

    /** The name of the named config that routed the call. */
    static final CallInfo.Attribute<String> CONFIG = CallInfo.Attribute.of("gateway.config", String.class);

    private final ConfigFile file;

    KeyAccess(ConfigFile file) {
        this.file = file;
    }

    @Override
    public GatewayResponse intercept(Chain chain) {
        CallRequest request = chain.request();
        GatewayFile current = file.current();
        Headers headers = request.headers();
        Optional<GatewayKey> key = Optional.empty();
        boolean keyInAuthorization = false;
        if (current.requiresKeys()) {
            Optional<PresentedKey> presented = PresentedKey.from(headers::first);
            if (presented.isEmpty()) {
                return AccessAnswers.missingKey();
            }
            key = current.keyFor(presented.get().value());
            if (key.isEmpty()) {
                return AccessAnswers.wrongKey();
            }
            keyInAuthorization = presented.get().inAuthorization();
            request.call().setAttribute(KEY, key.get());
        }
        Optional<String> configHeader =
                headers.first(PortkeyHeaders.CONFIG).map(String::strip).filter(value -> !value.isEmpty());
        String named;
        if (configHeader.isPresent() && configHeader.get().startsWith("{")) {
            return ownConfig(chain, current, key, keyInAuthorization, "send its own config");
        } else if (configHeader.isPresent()) {
            named = configHeader.get();
            if (!current.configs().containsKey(named)) {
                return AccessAnswers.unknownConfig(named, usable(current, key));
            }
        } else if (headers.first(PortkeyHeaders.PROVIDER)
                .filter(p -> !p.isBlank())
                .isPresent()) {
            return ownConfig(chain, current, key, keyInAuthorization, "choose a provider itself");
        } else {
            String model = request.params().path("model").asText("");
            Optional<String> chosen = current.configs().containsKey(model)
                    ? Optional.of(model)
                    : key.flatMap(GatewayKey::defaultConfig).or(current::defaultConfig);
            if (chosen.isEmpty()) {
                return chain.proceed(withoutCredentials(request, current, keyInAuthorization));
            }
            named = chosen.get();
        }
        if (key.isPresent() && !key.get().mayUse(named)) {
            return AccessAnswers.forbidden(key.get(), "use the config '" + named + "'", usable(current, key));
        }
        if (headers.first(PortkeyHeaders.CUSTOM_HOST).filter(h -> !h.isBlank()).isPresent()) {
            // The header would send the config's provider keys to a host of the caller's choosing.
            return AccessAnswers.customHostRefused(named);
        }
        request.call().setAttribute(CONFIG, named);
        // The named config holds the provider keys: nothing the caller sent as a key goes on, and
        // the caller does not pick the provider those keys are sent to.
        Headers routed = headers.newBuilder()
                .remove("authorization")
                .remove(PresentedKey.PORTKEY_HEADER)
                .remove(PortkeyHeaders.PROVIDER)
                .set(PortkeyHeaders.CONFIG, current.configs().get(named))
                .build();
        return chain.proceed(request.withHeaders(routed));
    }

    /** A call routed by the caller's own config or provider headers, if its key may. */
    private static GatewayResponse ownConfig(
            Chain chain, GatewayFile current, Optional<GatewayKey> key, boolean keyInAuthorization, String what) {
        if (key.isPresent() && !key.get().inlineConfigs()) {
            return AccessAnswers.forbidden(key.get(), what, usable(current, key));
        }
        return chain.proceed(withoutCredentials(chain.request(), current, keyInAuthorization));
    }

    /** The call without the gateway key, which is for this gateway only. */
    private static CallRequest withoutCredentials(
            CallRequest request, GatewayFile current, boolean keyInAuthorization) {
        if (!current.requiresKeys()) {
            return request;
        }
        Headers.Builder headers = request.headers().newBuilder().remove(PresentedKey.PORTKEY_HEADER);
        if (keyInAuthorization) {
            headers.remove("authorization");
        }
        return request.withHeaders(headers.build());
    }

    private static List<String> usable(GatewayFile current, Optional<GatewayKey> key) {
        return key.map(k -> k.usableConfigs(current))
                .orElseGet(() -> List.copyOf(current.configs().keySet()));
    }
}
