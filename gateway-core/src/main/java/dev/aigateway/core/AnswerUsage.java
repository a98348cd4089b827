package dev.aigateway.core;

import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.event.Usage;

/**
 * The token usage a complete answer reports, read once per answer body: a call link that needs it
 * (a cost header) and the gateway's own report to listeners ({@code callEnd}) share one parse. A
 * link that replaces the body gets the new body's usage, since the memo holds the body it read.
 */
public final class AnswerUsage {
    private static final CallInfo.Attribute<Read> READ = CallInfo.Attribute.of("core.answer-usage", Read.class);

    /** The body read last and its usage; bodies compare by identity (they are never changed). */
    private record Read(byte[] body, Usage usage) {}

    private AnswerUsage() {}

    /** {@code answer}'s usage in {@code call}'s endpoint format; {@link Usage#UNKNOWN} for an error or no JSON. */
    public static Usage of(CallInfo call, GatewayResponse.Complete answer) {
        Read read = call.attribute(READ).orElse(null);
        if (read != null && read.body() == answer.body()) {
            return read.usage();
        }
        Usage usage = parse(call, answer);
        call.setAttribute(READ, new Read(answer.body(), usage));
        return usage;
    }

    private static Usage parse(CallInfo call, GatewayResponse.Complete answer) {
        String type = answer.headers().value("content-type");
        if (type == null || !type.startsWith("application/json") || answer.status() / 100 != 2) {
            return Usage.UNKNOWN;
        }
        return call.endpoint().format().usage(answer.body());
    }
}
