package dev.aigateway.core.provider;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * OpenAI's model objects ({@code {"id","object":"model","created","owned_by"}}) and lists
 * ({@code {"object":"list","data":[...]}}), for providers whose own model lists are shaped
 * otherwise.
 */
public final class OpenAiModels {
    private OpenAiModels() {}

    /** One model; {@code created} in seconds since the epoch. */
    public static ObjectNode model(String id, long created, String ownedBy) {
        ObjectNode model = Json.object();
        model.put("id", id);
        model.put("object", "model");
        model.put("created", created);
        model.put("owned_by", ownedBy);
        return model;
    }

    /** A list of {@code models}. */
    public static ObjectNode list(ArrayNode models) {
        ObjectNode list = Json.object();
        list.put("object", "list");
        list.set("data", models);
        return list;
    }

    /** Seconds since the epoch of an RFC 3339 time ({@code 2025-02-19T00:00:00Z}), or 0. */
    public static long epochSeconds(String time) {
        try {
            return Instant.parse(time).getEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
