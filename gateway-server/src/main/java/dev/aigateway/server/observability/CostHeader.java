package dev.aigateway.server.observability;

import dev.aigateway.core.AnswerUsage;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.config.PortkeyHeaders;
import dev.aigateway.core.event.AttemptInfo;
import dev.aigateway.core.pipeline.CallInterceptor;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@value #HEADER} on complete answers: what the answer cost in US dollars, from its usage and the
 * price of the model that answered, or {@code unknown}; {@code 0} for an error or a cache hit. A
 * stream's headers leave before its usage arrives, so streams have none: their cost is in the
 * access log, the metrics and the console.
 */
public final class CostHeader implements CallInterceptor {
    public static final String HEADER = "x-gateway-cost-usd";

    /** Prices answers with the {@link CallRecorder}'s price table, which must listen to the same calls. */
    public CostHeader() {}

    @Override
    public GatewayResponse intercept(Chain chain) {
        GatewayResponse answer = chain.proceed(chain.request());
        if (!(answer instanceof GatewayResponse.Complete complete)) {
            return answer;
        }
        return complete.withHeaders(complete.headers().with(HEADER, format(cost(chain, complete))));
    }

    private OptionalDouble cost(Chain chain, GatewayResponse.Complete answer) {
        Optional<CallRecorder.Recording> recording =
                CallRecorder.of(chain.request().call());
        if (recording.isEmpty()) { // no recorder heard the call: which target answered is unknown
            return answer.status() / 100 != 2 ? OptionalDouble.of(0) : OptionalDouble.empty();
        }
        Optional<AttemptInfo> answering =
                answer.headers().first(PortkeyHeaders.LAST_USED_OPTION_INDEX).flatMap(recording.get()::attemptAt);
        return recording
                .get()
                .cost(
                        answer.status(),
                        answering.map(AttemptInfo::provider),
                        answering.map(AttemptInfo::model).filter(model -> !model.isEmpty()),
                        AnswerUsage.of(chain.request().call(), answer));
    }

    static String format(OptionalDouble cost) {
        return cost.isPresent() ? Formats.dollarsFixed(cost.getAsDouble()) : "unknown";
    }
}
