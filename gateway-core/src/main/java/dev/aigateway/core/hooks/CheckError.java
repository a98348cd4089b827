package dev.aigateway.core.hooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import java.util.Optional;

/**
 * Why a check could not decide, as Portkey reports it: {@code {"name":"Error","message":...}}.
 *
 * @param name absent where Portkey's check reports a bare {@code {message}}
 */
public record CheckError(Optional<String> name, String message) {
    /** An error named {@code Error}, as a JavaScript {@code new Error(message)} is. */
    public static CheckError of(String message) {
        return new CheckError(Optional.of("Error"), message);
    }

    /** An error with a message only. */
    public static CheckError message(String message) {
        return new CheckError(Optional.empty(), message);
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        name.ifPresent(n -> json.put("name", n));
        json.put("message", message);
        return json;
    }
}
