package dev.aigateway.core.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.format.EndpointFormat;
import dev.aigateway.core.format.StreamAssembly;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.stream.SseEvent;
import java.util.List;
import java.util.Optional;

/**
 * Turns a cached entry into the answer a request asked for: a stored stream replayed as events
 * to a stream request, or assembled into JSON for a complete one; a stored JSON answer returned
 * as it is, or streamed as chunks. Empty when the format cannot turn one into the other.
 */
final class CachedAnswers {
    private CachedAnswers() {}

    static Optional<GatewayResponse> serve(CacheEntry entry, ProviderRequest request) {
        EndpointFormat format = request.endpoint().format();
        Optional<StreamAssembly> assembly = format.streamAssembly();
        if (entry.isStream()) {
            if (request.stream()) {
                return Optional.of(streaming(entry.status(), entry.events(), format));
            }
            return assembly.flatMap(a -> a.assemble(entry.events()))
                    .map(json -> complete(entry.status(), "application/json", Json.bytes(json)));
        }
        if (!request.stream()) {
            return Optional.of(complete(entry.status(), entry.contentType(), entry.body()));
        }
        JsonNode answer = Json.parseOrNull(entry.body());
        if (answer == null) {
            return Optional.empty();
        }
        boolean usage =
                request.params().path("stream_options").path("include_usage").asBoolean(false);
        return assembly.flatMap(a -> a.disassemble(answer, usage))
                .filter(events -> !events.isEmpty())
                .map(events -> streaming(entry.status(), events, format));
    }

    private static GatewayResponse complete(int status, String contentType, byte[] body) {
        return new GatewayResponse.Complete(status, Headers.of("content-type", contentType), body);
    }

    private static GatewayResponse streaming(int status, List<SseEvent> events, EndpointFormat format) {
        return new GatewayResponse.Streaming(
                status,
                Headers.of("content-type", "text/event-stream", "cache-control", "no-cache"),
                new ReplayedStream(events, format.endMarker()));
    }
}
