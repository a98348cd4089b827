package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.internal.Json;

/** {@code default.notNull}: whether there is content with some text (or, with {@code not}, none). */
final class NotNull implements Check {
    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        boolean not = Params.flag(parameters, "not");
        ContentPart part = ContentPart.of(context);
        JsonNode content = part.content().orElse(null);
        boolean isNull = content == null
                || content.isNull()
                || content.isMissingNode()
                || content.isTextual() && content.asText().strip().isEmpty()
                || content.isArray() && content.isEmpty()
                || part.texts().stream().allMatch(t -> t == null || t.strip().isEmpty());
        boolean verdict = not == isNull;
        ObjectNode data = Json.object();
        data.put("isNull", isNull);
        data.put(
                "contentType",
                content == null || content.isNull() ? "null" : content.isTextual() ? "string" : "object");
        data.put("textArrayLength", part.texts().size());
        data.put("explanation", isNull ? "Content is null, undefined, or empty." : "Content exists and is not null.");
        data.put("verdict", verdict ? "passed" : "failed");
        return CheckOutcome.of(verdict, data);
    }
}
