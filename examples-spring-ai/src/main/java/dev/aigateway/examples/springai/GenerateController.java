package dev.aigateway.examples.springai;

import dev.aigateway.client.Portkey;
import dev.aigateway.client.PortkeyResponseHeaders;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code POST /generate} with {@code {"prompt": "..."}} answers {@code {"response": "..."}} and
 * passes on the gateway's {@code x-portkey-provider}, {@code x-portkey-last-used-option-index} and
 * {@code x-portkey-trace-id}, so {@code curl -i} shows who answered. {@code POST /generate/stream}
 * streams the answer as server-sent events {@code {"text": "..."}} and ends with an event {@code
 * gateway} that says who answered. Bad input gets 400 and a failing gateway 502, each with {@code
 * {"error": "..."}}.
 */
@RestController
class GenerateController {
    private final ChatClient chat;
    private final GatewayHeaders headers;
    private final GatewayAnswers answers;

    GenerateController(ChatClient chat, GatewayHeaders headers, GatewayAnswers answers) {
        this.chat = chat;
        this.headers = headers;
        this.answers = answers;
    }

    record GenerateRequest(String prompt) {}

    /** A piece of a streamed answer. */
    record Piece(String text) {}

    /** The last event of a stream: who answered. */
    record AnsweredBy(String provider, String lastUsedOptionIndex, String traceId) {}

    @GetMapping("/")
    String hello() {
        return "Hello from the Spring AI walkthrough app. POST /generate with {\"prompt\": \"...\"}.";
    }

    @PostMapping(path = "/generate", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> generate(@RequestBody GenerateRequest request) {
        String traceId = UUID.randomUUID().toString();
        String text = ask(request, traceId).call().content();
        HttpHeaders headers = new HttpHeaders();
        answers.take(traceId).ifPresent(answer -> {
            answer.provider().ifPresent(value -> headers.set(PortkeyResponseHeaders.PROVIDER, value));
            answer.lastUsedOptionIndex()
                    .ifPresent(value -> headers.set(PortkeyResponseHeaders.LAST_USED_OPTION_INDEX, value));
        });
        headers.set(PortkeyResponseHeaders.TRACE_ID, traceId);
        return ResponseEntity.ok().headers(headers).body(Map.of("response", text == null ? "" : text));
    }

    @PostMapping(path = "/generate/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> stream(@RequestBody GenerateRequest request) {
        String traceId = UUID.randomUUID().toString();
        Flux<ServerSentEvent<Object>> pieces = ask(request, traceId).stream()
                .content()
                .map(text -> ServerSentEvent.builder((Object) new Piece(text)).build());
        Mono<ServerSentEvent<Object>> answeredBy = Mono.fromSupplier(() -> {
            Optional<PortkeyResponseHeaders> answer = answers.take(traceId);
            AnsweredBy who = new AnsweredBy(
                    answer.flatMap(PortkeyResponseHeaders::provider).orElse(""),
                    answer.flatMap(PortkeyResponseHeaders::lastUsedOptionIndex).orElse(""),
                    traceId);
            return ServerSentEvent.builder((Object) who).event("gateway").build();
        });
        return pieces.concatWith(answeredBy)
                .onErrorResume(error -> Flux.just(ServerSentEvent.builder((Object) failure(error))
                        .event("error")
                        .build()));
    }

    /**
     * The call, with a trace id of its own next to the default headers: the gateway echoes it, and
     * {@link GatewayAnswers} files the answer's headers under it.
     */
    private ChatClient.ChatClientRequestSpec ask(GenerateRequest request, String traceId) {
        if (request == null || request.prompt() == null || request.prompt().isBlank()) {
            throw new BadPrompt();
        }
        return chat.prompt()
                .user(request.prompt())
                .options(OpenAiChatOptions.builder()
                        .customHeaders(headers.with(Portkey.createHeaders(Map.of("traceId", traceId)))));
    }

    static final class BadPrompt extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadPrompt() {
            super("the body needs a non-empty prompt: {\"prompt\": \"...\"}", null, false, false);
        }
    }

    // The error handlers set the content type: a stream request accepts only text/event-stream,
    // and without it Spring would find no way to write the JSON error and answer 500.
    @ExceptionHandler(BadPrompt.class)
    ResponseEntity<Map<String, String>> badPrompt(BadPrompt e) {
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> notJson(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", "the body must be JSON: {\"prompt\": \"...\"}"));
    }

    /** The gateway was unreachable or answered with an error (after its own fallbacks). */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Map<String, String>> gatewayFailed(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
                .contentType(MediaType.APPLICATION_JSON)
                .body(failure(e));
    }

    private static Map<String, String> failure(Throwable error) {
        return Map.of("error", "the gateway call failed: " + error.getMessage());
    }
}
