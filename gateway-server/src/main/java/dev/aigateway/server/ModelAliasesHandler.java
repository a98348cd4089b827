package dev.aigateway.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/models} of a gateway with a config file: its named configs, which are model
 * aliases, as OpenAI lists models. With gateway keys it needs one (401 otherwise) and lists the
 * configs that key may use, so a client that can only choose a model name sees its choices.
 */
final class ModelAliasesHandler implements HttpHandler {
    static final String OWNER = "aigateway";

    private final ConfigFile file;

    ModelAliasesHandler(ConfigFile file) {
        this.file = file;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        GatewayFile current = file.current();
        List<String> names = List.copyOf(current.configs().keySet());
        if (current.requiresKeys()) {
            Optional<PresentedKey> presented = PresentedKey.from(
                    name -> Optional.ofNullable(exchange.getRequestHeaders().getFirst(name)));
            Optional<GatewayKey> key = presented.flatMap(p -> current.keyFor(p.value()));
            if (key.isEmpty()) {
                send(exchange, presented.isEmpty() ? AccessAnswers.missingKey() : AccessAnswers.wrongKey());
                return;
            }
            names = key.get().usableConfigs(current);
        }
        ObjectNode body = Json.object();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        for (String name : names) {
            data.addObject()
                    .put("id", name)
                    .put("object", "model")
                    .put("created", current.loadedAtSeconds())
                    .put("owned_by", OWNER);
        }
        Responses.json(exchange, 200, Json.bytes(body));
    }

    private static void send(HttpServerExchange exchange, GatewayResponse.Complete answer) {
        answer.headers().forEach((name, value) -> {
            if (!name.equals("content-type")) {
                exchange.getResponseHeaders().add(HttpString.tryFromString(name), value);
            }
        });
        Responses.json(exchange, answer.status(), answer.body());
    }
}
