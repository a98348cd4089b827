package dev.aigateway.core.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * What one check decided, as Portkey's plugin handlers return it.
 *
 * @param verdict whether the check passed
 * @param data what the check found, with an {@code explanation}; JSON null when it has nothing
 * @param error why the check could not decide; an error fails its hook only when the check's
 *     parameters say {@code failOnError: true}
 * @param request a rewritten request body (OpenAI format), for the provider transform to use
 * @param response a rewritten answer, for the caller to receive
 * @param transformed whether the check says it rewrote something
 */
public record CheckOutcome(
        boolean verdict,
        JsonNode data,
        Optional<CheckError> error,
        Optional<ObjectNode> request,
        Optional<ObjectNode> response,
        boolean transformed) {

    /** A decision with no error and no rewrite. */
    public static CheckOutcome of(boolean verdict, JsonNode data) {
        return new CheckOutcome(verdict, data, Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    /** A check that could not decide: the verdict Portkey's check returns with it, and the error. */
    public static CheckOutcome failed(boolean verdict, CheckError error, JsonNode data) {
        return new CheckOutcome(verdict, data, Optional.of(error), Optional.empty(), Optional.empty(), false);
    }

    /** This outcome with a rewritten request body. */
    public CheckOutcome withRequest(ObjectNode value) {
        return new CheckOutcome(verdict, data, error, Optional.of(value), response, true);
    }

    /** This outcome with a rewritten answer. */
    public CheckOutcome withResponse(ObjectNode value) {
        return new CheckOutcome(verdict, data, error, request, Optional.of(value), true);
    }

    /** This outcome marked {@code transformed} (or not), whatever it rewrote. */
    public CheckOutcome markedTransformed(boolean value) {
        return new CheckOutcome(verdict, data, error, request, response, value);
    }

    /** JSON null, for checks that report no data. */
    public static JsonNode noData() {
        return NullNode.getInstance();
    }
}
