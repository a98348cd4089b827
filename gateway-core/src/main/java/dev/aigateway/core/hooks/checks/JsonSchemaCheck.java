package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.internal.BoundedCache;
import dev.aigateway.core.internal.Json;
import java.util.List;
import java.util.Optional;

/**
 * {@code default.jsonSchema}: whether JSON in the text (a fenced block, else a brace span) is valid
 * against {@code schema}, with JSON Schema 2020-12 unless the schema names another draft. Remote
 * {@code $ref}s are never fetched, and the schema's {@code pattern}s run with bounded work.
 */
final class JsonSchemaCheck implements Check {
    /** The schema's own regular expressions, with the same bound on work as {@code regexMatch}. */
    private static final RegularExpressionFactory BOUNDED = regex -> {
        java.util.regex.Pattern pattern = BoundedRegex.compile(regex, 0);
        return (RegularExpression) value -> BoundedRegex.matcher(pattern, value).find();
    };

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaCacheEnabled(false)
                    .schemaLoader(loader -> loader.fetchRemoteResources(false))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .pathType(PathType.JSON_POINTER)
                            .regularExpressionFactory(BOUNDED)
                            .build()));

    private final BoundedCache<String, Schema> schemas = new BoundedCache<>(128);

    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        boolean not = Params.flag(parameters, "not");
        JsonNode schemaNode = parameters.get("schema");
        try {
            if (schemaNode == null || !schemaNode.isObject()) {
                throw new IllegalArgumentException("Missing or invalid JSON schema");
            }
            Schema schema = schemas.get(Json.text(schemaNode), text -> REGISTRY.getSchema(schemaNode));
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
                List<Error> errors = schema.validate(json.get());
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
                String path = error.getInstanceLocation() == null
                        ? ""
                        : error.getInstanceLocation().toString();
                String message = error.getMessage();
                if (!path.isEmpty() && message.startsWith(path + ": ")) {
                    message = message.substring(path.length() + 2);
                }
                errors.addObject().put("path", path).put("message", message);
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
