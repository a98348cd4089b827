package dev.aigateway.core;

import dev.aigateway.core.format.EndpointFormat;
import dev.aigateway.core.format.MessagesFormat;
import dev.aigateway.core.format.OpenAiFormat;
import dev.aigateway.core.format.ResponsesFormat;

/**
 * The unified endpoints, mirroring Portkey's endpoint strings. Each answers in its own
 * {@link EndpointFormat}; a provider serves an endpoint when it has a transform for it
 * ({@link dev.aigateway.core.provider.Provider#endpoints()}).
 */
public enum Endpoint {
    CHAT_COMPLETE("chatComplete", "/chat/completions", OpenAiFormat.CHAT),
    COMPLETE("complete", "/completions", OpenAiFormat.COMPLETIONS),
    EMBED("embed", "/embeddings", OpenAiFormat.EMBEDDINGS),
    /** OpenAI's Responses API, {@code POST /v1/responses}. */
    RESPONSES("createModelResponse", "/responses", ResponsesFormat.INSTANCE),
    /** Anthropic's Messages API, {@code POST /v1/messages}. */
    MESSAGES("messages", "/messages", MessagesFormat.MESSAGES),
    /** Anthropic's token counting, {@code POST /v1/messages/count_tokens}. */
    MESSAGES_COUNT_TOKENS("messagesCountTokens", "/messages/count_tokens", MessagesFormat.COUNT_TOKENS),
    IMAGE_GENERATE("imageGenerate", "/images/generations", "POST", Body.JSON, OpenAiFormat.IMAGES),
    IMAGE_EDIT("imageEdit", "/images/edits", "POST", Body.MULTIPART, OpenAiFormat.IMAGES),
    /** Text to speech: the answer is audio, streamed through as it arrives. */
    CREATE_SPEECH("createSpeech", "/audio/speech", "POST", Body.JSON, OpenAiFormat.BYTES),
    CREATE_TRANSCRIPTION(
            "createTranscription", "/audio/transcriptions", "POST", Body.MULTIPART, OpenAiFormat.TEXT_OR_JSON),
    CREATE_TRANSLATION("createTranslation", "/audio/translations", "POST", Body.MULTIPART, OpenAiFormat.TEXT_OR_JSON),
    MODERATE("moderate", "/moderations", "POST", Body.JSON, OpenAiFormat.MODERATIONS),
    LIST_MODELS("listModels", "/models", "GET", Body.NONE, OpenAiFormat.LIST),
    RETRIEVE_MODEL("retrieveModel", "/models/{model}", "GET", Body.NONE, OpenAiFormat.OBJECT),
    UPLOAD_FILE("uploadFile", "/files", "POST", Body.MULTIPART, OpenAiFormat.OBJECT),
    LIST_FILES("listFiles", "/files", "GET", Body.NONE, OpenAiFormat.LIST),
    RETRIEVE_FILE("retrieveFile", "/files/{file_id}", "GET", Body.NONE, OpenAiFormat.OBJECT),
    DELETE_FILE("deleteFile", "/files/{file_id}", "DELETE", Body.NONE, OpenAiFormat.OBJECT),
    /** A file's bytes, streamed through as they arrive. */
    RETRIEVE_FILE_CONTENT("retrieveFileContent", "/files/{file_id}/content", "GET", Body.NONE, OpenAiFormat.BYTES),
    CREATE_BATCH("createBatch", "/batches", "POST", Body.JSON, OpenAiFormat.OBJECT),
    LIST_BATCHES("listBatches", "/batches", "GET", Body.NONE, OpenAiFormat.LIST),
    RETRIEVE_BATCH("retrieveBatch", "/batches/{batch_id}", "GET", Body.NONE, OpenAiFormat.OBJECT),
    CANCEL_BATCH("cancelBatch", "/batches/{batch_id}/cancel", "POST", Body.NONE, OpenAiFormat.OBJECT),
    /** A stored response; streamed through, as {@code ?stream=true} answers with its events. */
    GET_MODEL_RESPONSE("getModelResponse", "/responses/{response_id}", "GET", Body.NONE, OpenAiFormat.BYTES),
    DELETE_MODEL_RESPONSE("deleteModelResponse", "/responses/{response_id}", "DELETE", Body.NONE, OpenAiFormat.OBJECT),
    LIST_RESPONSE_INPUT_ITEMS(
            "listResponseInputItems", "/responses/{response_id}/input_items", "GET", Body.NONE, OpenAiFormat.LIST),
    /**
     * Portkey's {@code /v1/*} proxy: any other path under {@code /v1}, with {@code GET},
     * {@code POST} or {@code DELETE}, sent to the same path below the provider's base URL, and
     * its answer, errors included, passed through.
     */
    PROXY("proxy", "/*", "*", Body.ANY, OpenAiFormat.BYTES);

    /** What a request to an endpoint carries. */
    public enum Body {
        /** A JSON object, required. */
        JSON,
        /** A {@code multipart/form-data} form, sent on as it came. */
        MULTIPART,
        /** Nothing: a body sent anyway is ignored. */
        NONE,
        /** Whatever the caller sends (the proxy): JSON, a multipart form, raw bytes, or nothing. */
        ANY
    }

    private final String portkeyName;
    private final String openAiPath;
    private final String method;
    private final Body body;
    private final EndpointFormat format;

    Endpoint(String portkeyName, String openAiPath, EndpointFormat format) {
        this(portkeyName, openAiPath, "POST", Body.JSON, format);
    }

    Endpoint(String portkeyName, String openAiPath, String method, Body body, EndpointFormat format) {
        this.portkeyName = portkeyName;
        this.openAiPath = openAiPath;
        this.method = method;
        this.body = body;
        this.format = format;
    }

    /** Portkey's name for this endpoint, as used in its error messages ({@code chatComplete}). */
    public String portkeyName() {
        return portkeyName;
    }

    /**
     * The path under {@code /v1} where the gateway serves it, e.g. {@code /chat/completions}; a
     * segment in braces is a parameter ({@code /files/{file_id}}).
     */
    public String openAiPath() {
        return openAiPath;
    }

    /** The HTTP method it is served on; {@code *} for the proxy, which takes GET, POST and DELETE. */
    public String method() {
        return method;
    }

    /** What its requests carry. */
    public Body body() {
        return body;
    }

    /**
     * Whether the caller's own headers go upstream with the call (the proxy, as Portkey's), beyond
     * those a config's {@code forward_headers} names.
     */
    public boolean relaysCallerHeaders() {
        return this == PROXY;
    }

    /** The format its answers, errors and streams are in. */
    public EndpointFormat format() {
        return format;
    }
}
