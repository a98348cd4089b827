package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.internal.Json;
import dev.harrel.jsonschema.Error;
import dev.harrel.jsonschema.Validator;
import dev.harrel.jsonschema.ValidatorFactory;
import dev.harrel.jsonschema.providers.JacksonNode;
import java.util.List;
import java.util.Optional;

/**
 * {@code default.jsonSchema}: whether JSON in the text (a fenced block, else a brace span) is valid
 * against {@code schema}, with JSON Schema 2020-12 unless the schema names another draft
 * ({@code dev.harrel:json-schema}). Remote {@code $ref}s are never fetched: only the drafts'
 * meta-schemas resolve.
 */
final class JsonSchemaCheck implements Check {
    private static final ValidatorFactory VALIDATORS =
            new ValidatorFactory().withJsonNodeFactory(new JacksonNode.Factory());

    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        boolean not = Params.flag(parameters, "not");
        JsonNode schemaNode = parameters.get("schema");
        try {
            if (schemaNode == null || !schemaNode.isObject()) {
                throw new IllegalArgumentException("Missing or invalid JSON schema");
            }
            String text = ContentPart.of(context).text();
            List<String> candidates = JsonInText.candidates(text, false);
            ObjectNode data = Json.object();
            if (candidates.isEmpty()) {
                data.put("explanation", "No valid JSON found in the response.");
                data.put("not", not);
                return CheckOutcome.of(false, data);
            }
            JsonNode best = null;
            List<Error> bestErrors = List.of();
            boolean valid = false;
            for (String candidate : candidates) {
                Optional<JsonNode> json = JsonInText.parse(candidate);
                if (json.isEmpty()) {
                    continue;
                }
                Validator.Result result = VALIDATORS.validate(schemaNode, json.get());
                List<Error> errors = result.isValid() ? List.of() : result.getErrors();
                if (errors.isEmpty() || best == null) {
                    best = json.get();
                    bestErrors = errors;
                    valid = errors.isEmpty();
                }
                if (valid) {
                    break;
                }
            }
            if (best == null) {
                // Portkey reports nothing when no candidate parses: no data, a false verdict.
                return CheckOutcome.of(false, CheckOutcome.noData());
            }
            boolean verdict = not != valid;
            data.set("matchedJson", best);
            data.put("not", not);
            data.put(
                    "explanation",
                    verdict
                            ? not
                                    ? "Successfully validated JSON does not match the schema as expected."
                                    : "Successfully validated JSON against the provided schema."
                            : not
                                    ? "JSON matches the schema when it should not."
                                    : "Failed to validate JSON against the provided schema.");
            ArrayNode errors = data.putArray("validationErrors");
            for (Error error : bestErrors) {
                errors.addObject().put("path", error.getInstanceLocation()).put("message", error.getError());
            }
            return CheckOutcome.of(verdict, data);
        } catch (RuntimeException e) {
            ObjectNode data = Json.object();
            data.put("explanation", "An error occurred while processing the JSON.");
            data.put("error", String.valueOf(e.getMessage()));
            data.put("not", not);
            return CheckOutcome.failed(false, CheckError.of(String.valueOf(e.getMessage())), data);
        }
    }
}
