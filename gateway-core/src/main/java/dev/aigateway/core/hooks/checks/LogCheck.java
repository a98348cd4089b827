package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.upstream.CalloutClient;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code default.log}: POSTs the hook context to {@code logURL} and passes. Unlike Portkey, the
 * caller's request headers are left out of what is sent: they carry credentials.
 */
final class LogCheck implements Check {
    private final CalloutClient http;

    LogCheck(CalloutClient http) {
        this.http = http;
    }

    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        String url = Params.text(parameters, "logURL").orElse("");
        try {
            if (url.isEmpty()) {
                throw new IllegalArgumentException("Missing log URL");
            }
            CalloutClient.Answer answer = http.postJson(
                    url,
                    CalloutHeaders.parse(parameters.get("headers")),
                    Json.bytes(context.toJson()),
                    CalloutHeaders.timeout(parameters.get("timeout")));
            if (!answer.isSuccessful()) {
                return CheckOutcome.failed(
                        false,
                        new CheckError(Optional.of("HttpError"), "HTTP error! status: " + answer.status()),
                        CheckOutcome.noData());
            }
            ObjectNode data = Json.object().put("message", "Logged the request to " + url);
            return CheckOutcome.of(true, data);
        } catch (CalloutClient.CalloutTimeoutException e) {
            return CheckOutcome.failed(
                    false, new CheckError(Optional.of("TimeoutError"), e.getMessage()), CheckOutcome.noData());
        } catch (IOException | RuntimeException e) {
            return CheckOutcome.failed(false, CheckError.of(String.valueOf(e.getMessage())), CheckOutcome.noData());
        }
    }
}
