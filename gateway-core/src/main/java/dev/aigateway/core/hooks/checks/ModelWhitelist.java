package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.internal.Json;
import java.util.List;

/** {@code default.modelWhitelist}: whether the request's {@code model} is one of {@code models}. */
final class ModelWhitelist implements Check {
    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        boolean not = Params.flag(parameters, "not");
        JsonNode models = parameters.get("models");
        String model = context.request().path("model").asText("");
        List<String> list = Params.strings(models).orElse(null);
        String problem = list == null
                ? "Missing or invalid model whitelist"
                : model.isEmpty() ? "Missing model in request" : null;
        if (problem != null) {
            ObjectNode data = Json.object();
            data.put("explanation", "An error occurred while checking model whitelist: " + problem);
            data.put("requestedModel", model.isEmpty() ? "No model specified" : model);
            data.put("not", not);
            data.set("allowedModels", models == null || models.isNull() ? Json.array() : models);
            return CheckOutcome.failed(false, CheckError.of(problem), data);
        }
        boolean inList = list.contains(model);
        boolean verdict = not != inList;
        ObjectNode data = Json.object();
        data.put("verdict", verdict);
        data.put("not", not);
        String quoted = "Model \"" + model + "\" ";
        data.put(
                "explanation",
                verdict
                        ? not ? quoted + "is not in the allowed list as expected." : quoted + "is allowed."
                        : not
                                ? quoted + "is in the allowed list when it should not be."
                                : quoted + "is not in the allowed list.");
        data.set("requestedModel", TextNode.valueOf(model));
        data.set("allowedModels", models);
        return CheckOutcome.of(verdict, data);
    }
}
