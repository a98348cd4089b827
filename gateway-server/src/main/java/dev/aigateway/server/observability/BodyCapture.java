package dev.aigateway.server.observability;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.pipeline.CallInterceptor;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * With {@code --log-bodies}: keeps each request's body and each complete answer's body (up to
 * {@value #LIMIT} characters each) for the console. Never on unless asked: bodies hold what users
 * typed and what models answered.
 */
public final class BodyCapture implements CallInterceptor {
    static final int LIMIT = 16 * 1024;

    @Override
    public GatewayResponse intercept(Chain chain) {
        Optional<String> request = Optional.of(cut(Json.text(chain.request().params())));
        GatewayResponse answer = chain.proceed(chain.request());
        Optional<String> response = answer instanceof GatewayResponse.Complete complete
                ? Optional.of(cut(new String(complete.body(), StandardCharsets.UTF_8)))
                : Optional.empty();
        CallRecorder.of(chain.request().call()).ifPresent(recording -> recording.bodies(request, response));
        return answer;
    }

    private static String cut(String text) {
        return text.length() <= LIMIT ? text : text.substring(0, LIMIT) + "…";
    }
}
