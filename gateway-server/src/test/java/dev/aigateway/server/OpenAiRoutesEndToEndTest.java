package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponse;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.audio.transcriptions.Transcription;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.audio.translations.TranslationCreateParams;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileListPage;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import com.openai.models.images.ImageEditParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import com.openai.models.models.Model;
import com.openai.models.moderations.ModerationCreateParams;
import com.openai.models.moderations.ModerationCreateResponse;
import com.openai.models.moderations.ModerationModel;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseDeleteParams;
import com.openai.models.responses.inputitems.InputItemListPage;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.internal.Json;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenAI's routes besides chat, through the server with openai-java's typed API, relayed to a fake
 * OpenAI: what the upstream receives (method, path, key, body byte for byte) and what the client
 * gets back.
 */
class OpenAiRoutesEndToEndTest {
    private final MockWebServer openAi = new MockWebServer();
    private GatewayServer server;
    private OpenAIClient client;

    @BeforeEach
    void start() throws Exception {
        openAi.start();
        server = GatewayServer.builder()
                .port(0)
                .gateway(Gateway.builder().sleeper(d -> {}).build())
                .build()
                .start();
        client = OpenAiClients.withConfig(
                server,
                "{\"provider\":\"openai\",\"api_key\":\"sk-upstream\",\"custom_host\":\"" + openAi.url("/v1") + "\"}");
    }

    @AfterEach
    void stop() {
        server.close();
        openAi.close();
    }

    @Test
    void imagesAreGenerated() throws Exception {
        openAi.enqueue(json("{\"created\":1,\"data\":[{\"b64_json\":\"aGVsbG8=\"}]}"));

        ImagesResponse images = client.images()
                .generate(ImageGenerateParams.builder()
                        .model("gpt-image-1")
                        .prompt("a lighthouse")
                        .build());

        assertEquals("aGVsbG8=", images.data().orElseThrow().get(0).b64Json().orElseThrow());
        RecordedRequest request = take();
        assertEquals("POST", request.getMethod());
        assertEquals("/v1/images/generations", request.getTarget());
        assertEquals("Bearer sk-upstream", request.getHeaders().get("authorization"));
        JsonNode body = Json.parse(request.getBody().toByteArray());
        assertEquals("a lighthouse", body.path("prompt").asText());
        assertEquals("gpt-image-1", body.path("model").asText());
    }

    @Test
    void anImageEditIsRelayedAsTheMultipartFormItCameAs() throws Exception {
        byte[] png = bytes(5000, 1);
        openAi.enqueue(json("{\"created\":1,\"data\":[{\"b64_json\":\"ZWRpdGVk\"}]}"));

        ImagesResponse images = client.images()
                .edit(ImageEditParams.builder()
                        .image(png)
                        .prompt("add a boat")
                        .model("gpt-image-1")
                        .build());

        assertEquals("ZWRpdGVk", images.data().orElseThrow().get(0).b64Json().orElseThrow());
        RecordedRequest request = take();
        assertEquals("/v1/images/edits", request.getTarget());
        Multipart form = Multipart.of(request);
        assertArrayEquals(png, form.part("image"));
        assertEquals("add a boat", form.text("prompt"));
        assertEquals("gpt-image-1", form.text("model"));
    }

    @Test
    void speechComesBackAsTheUpstreamsBytes() throws Exception {
        byte[] audio = bytes(300_000, 2);
        openAi.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "audio/mpeg")
                .body(new Buffer().write(audio))
                .build());

        byte[] received;
        try (HttpResponse speech = client.audio()
                        .speech()
                        .create(SpeechCreateParams.builder()
                                .model("gpt-4o-mini-tts")
                                .input("Hello there")
                                .voice("alloy")
                                .build());
                InputStream in = speech.body()) {
            assertEquals("audio/mpeg", speech.headers().values("content-type").get(0));
            assertEquals("openai", speech.headers().values("x-portkey-provider").get(0));
            received = in.readAllBytes();
        }

        assertArrayEquals(audio, received);
        RecordedRequest request = take();
        assertEquals("/v1/audio/speech", request.getTarget());
        assertEquals(
                "Hello there",
                Json.parse(request.getBody().toByteArray()).path("input").asText());
    }

    @Test
    void aTranscriptionIsSentAsAMultipartFormAndItsTextComesBack() throws Exception {
        byte[] audio = bytes(40_000, 3);
        openAi.enqueue(json("{\"text\":\"Hello from the recording\"}"));

        Transcription transcription = client.audio()
                .transcriptions()
                .create(TranscriptionCreateParams.builder()
                        .file(audio)
                        .model("whisper-1")
                        .language("en")
                        .build())
                .asTranscription();

        assertEquals("Hello from the recording", transcription.text());
        RecordedRequest request = take();
        assertEquals("/v1/audio/transcriptions", request.getTarget());
        assertTrue(request.getHeaders().get("content-type").startsWith("multipart/form-data; boundary="));
        Multipart form = Multipart.of(request);
        assertArrayEquals(audio, form.part("file"));
        assertEquals("whisper-1", form.text("model"));
        assertEquals("en", form.text("language"));
        assertEquals(
                String.valueOf(request.getBody().size()), request.getHeaders().get("content-length"));
    }

    @Test
    @SuppressWarnings("deprecation") // the SDK marks translations deprecated; the route is still OpenAI's
    void aTranslationIsSentAsAMultipartForm() throws Exception {
        byte[] audio = bytes(10_000, 4);
        openAi.enqueue(json("{\"text\":\"Good morning\"}"));

        String text = client.audio()
                .translations()
                .create(TranslationCreateParams.builder()
                        .file(audio)
                        .model("whisper-1")
                        .build())
                .asTranslation()
                .text();

        assertEquals("Good morning", text);
        RecordedRequest request = take();
        assertEquals("/v1/audio/translations", request.getTarget());
        assertArrayEquals(audio, Multipart.of(request).part("file"));
    }

    @Test
    void moderationsAreRelayed() throws Exception {
        openAi.enqueue(json("{\"id\":\"modr-1\",\"model\":\"omni-moderation-latest\",\"results\":[{\"flagged\":true,"
                + "\"categories\":" + categories(true) + ",\"category_scores\":" + scores() + "}]}"));

        ModerationCreateResponse moderation = client.moderations()
                .create(ModerationCreateParams.builder()
                        .input("something harmful")
                        .model(ModerationModel.OMNI_MODERATION_LATEST)
                        .build());

        assertTrue(moderation.results().get(0).flagged());
        RecordedRequest request = take();
        assertEquals("/v1/moderations", request.getTarget());
        assertEquals(
                "something harmful",
                Json.parse(request.getBody().toByteArray()).path("input").asText());
    }

    @Test
    void modelsAreListedAndRetrieved() throws Exception {
        openAi.enqueue(json("{\"object\":\"list\",\"data\":[" + model("gpt-4o") + "," + model("gpt-4o-mini") + "]}"));
        openAi.enqueue(json(model("gpt-4o")));

        var listed = client.models().list().data().stream().map(Model::id).toList();
        Model retrieved = client.models().retrieve("gpt-4o");

        assertEquals(java.util.List.of("gpt-4o", "gpt-4o-mini"), listed);
        assertEquals("openai", retrieved.ownedBy());
        RecordedRequest list = take();
        assertEquals("GET", list.getMethod());
        assertEquals("/v1/models", list.getTarget());
        assertEquals("Bearer sk-upstream", list.getHeaders().get("authorization"));
        assertNull(list.getHeaders().get("content-type"));
        assertNull(list.getBody());
        assertEquals("/v1/models/gpt-4o", take().getTarget());
    }

    @Test
    void filesAreUploadedListedAndRead() throws Exception {
        byte[] jsonl = "{\"custom_id\":\"1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{}}\n"
                .getBytes(StandardCharsets.UTF_8);
        openAi.enqueue(json(file("file-1")));
        openAi.enqueue(json("{\"object\":\"list\",\"data\":[" + file("file-1") + "],\"has_more\":false}"));
        openAi.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/octet-stream")
                .body(new Buffer().write(jsonl))
                .build());

        FileObject created = client.files()
                .create(FileCreateParams.builder()
                        .file(jsonl)
                        .purpose(FilePurpose.BATCH)
                        .build());
        FileListPage page = client.files()
                .list(com.openai.models.files.FileListParams.builder().limit(10).build());
        byte[] content;
        try (HttpResponse raw = client.files().content("file-1");
                InputStream in = raw.body()) {
            content = in.readAllBytes();
        }

        assertEquals("file-1", created.id());
        assertEquals("file-1", page.data().get(0).id());
        assertArrayEquals(jsonl, content);
        RecordedRequest upload = take();
        assertEquals("/v1/files", upload.getTarget());
        Multipart form = Multipart.of(upload);
        assertArrayEquals(jsonl, form.part("file"));
        assertEquals("batch", form.text("purpose"));
        RecordedRequest list = take();
        assertEquals("GET", list.getMethod());
        assertEquals("/v1/files?limit=10", list.getTarget());
        assertEquals("/v1/files/file-1/content", take().getTarget());
    }

    @Test
    void batchesAreCreatedRetrievedAndCancelled() throws Exception {
        openAi.enqueue(json(batch("batch_1", "validating")));
        openAi.enqueue(json(batch("batch_1", "in_progress")));
        openAi.enqueue(json(batch("batch_1", "cancelling")));

        Batch created = client.batches()
                .create(BatchCreateParams.builder()
                        .inputFileId("file-1")
                        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                        .completionWindow(BatchCreateParams.CompletionWindow._24H)
                        .build());
        Batch retrieved = client.batches().retrieve("batch_1");
        Batch cancelled = client.batches().cancel("batch_1");

        assertEquals("batch_1", created.id());
        assertEquals(Batch.Status.IN_PROGRESS, retrieved.status());
        assertEquals(Batch.Status.CANCELLING, cancelled.status());
        RecordedRequest create = take();
        assertEquals("/v1/batches", create.getTarget());
        JsonNode body = Json.parse(create.getBody().toByteArray());
        assertEquals("file-1", body.path("input_file_id").asText());
        assertEquals("/v1/chat/completions", body.path("endpoint").asText());
        assertEquals("/v1/batches/batch_1", take().getTarget());
        RecordedRequest cancel = take();
        assertEquals("POST", cancel.getMethod());
        assertEquals("/v1/batches/batch_1/cancel", cancel.getTarget());
    }

    @Test
    void storedResponsesAreRetrievedListedAndDeleted() throws Exception {
        openAi.enqueue(json(response("resp_1")));
        openAi.enqueue(json("{\"object\":\"list\",\"data\":[{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"user\","
                + "\"status\":\"completed\",\"content\":[{\"type\":\"input_text\",\"text\":\"Hi\"}]}],"
                + "\"first_id\":\"msg_1\",\"last_id\":\"msg_1\",\"has_more\":false}"));
        openAi.enqueue(json("{\"id\":\"resp_1\",\"object\":\"response\",\"deleted\":true}"));

        Response retrieved = client.responses().retrieve("resp_1");
        InputItemListPage items = client.responses().inputItems().list("resp_1");
        client.responses()
                .delete(ResponseDeleteParams.builder().responseId("resp_1").build());

        assertEquals("resp_1", retrieved.id());
        assertEquals(1, items.data().size());
        assertEquals("/v1/responses/resp_1", take().getTarget());
        assertEquals("/v1/responses/resp_1/input_items", take().getTarget());
        RecordedRequest delete = take();
        assertEquals("DELETE", delete.getMethod());
        assertEquals("/v1/responses/resp_1", delete.getTarget());
    }

    @Test
    void upstreamErrorsComeInOpenAisEnvelopeWithThePortkeyHeaders() {
        openAi.enqueue(new MockResponse.Builder()
                .code(404)
                .addHeader("content-type", "application/json")
                .body("{\"error\":{\"message\":\"No such File object: file-9\",\"type\":\"invalid_request_error\","
                        + "\"param\":\"id\",\"code\":null}}")
                .build());

        com.openai.errors.NotFoundException error = org.junit.jupiter.api.Assertions.assertThrows(
                com.openai.errors.NotFoundException.class, () -> client.files().retrieve("file-9"));

        assertTrue(error.getMessage().contains("openai error: No such File object: file-9"), error.getMessage());
        assertEquals("openai", error.headers().values("x-portkey-provider").get(0));
    }

    private RecordedRequest take() throws InterruptedException {
        return openAi.takeRequest(5, TimeUnit.SECONDS);
    }

    static MockResponse json(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body(body)
                .build();
    }

    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String model(String id) {
        return "{\"id\":\"" + id + "\",\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"openai\"}";
    }

    private static String file(String id) {
        return "{\"id\":\"" + id + "\",\"object\":\"file\",\"bytes\":72,\"created_at\":1700000000,"
                + "\"filename\":\"batch.jsonl\",\"purpose\":\"batch\",\"status\":\"processed\"}";
    }

    private static String batch(String id, String status) {
        return "{\"id\":\"" + id + "\",\"object\":\"batch\",\"endpoint\":\"/v1/chat/completions\","
                + "\"input_file_id\":\"file-1\",\"completion_window\":\"24h\",\"status\":\"" + status + "\","
                + "\"created_at\":1700000000}";
    }

    private static String response(String id) {
        return "{\"id\":\"" + id + "\",\"object\":\"response\",\"created_at\":1700000000,\"status\":\"completed\","
                + "\"model\":\"gpt-4o\",\"output\":[],\"parallel_tool_calls\":true,\"tool_choice\":\"auto\","
                + "\"tools\":[],\"error\":null,\"incomplete_details\":null,\"instructions\":null,"
                + "\"metadata\":{},\"temperature\":1.0,\"top_p\":1.0}";
    }

    private static String categories(boolean value) {
        StringBuilder json = new StringBuilder("{");
        for (String name : CATEGORY_NAMES) {
            json.append(json.length() > 1 ? "," : "")
                    .append('"')
                    .append(name)
                    .append("\":")
                    .append(value);
        }
        return json.append('}').toString();
    }

    private static String scores() {
        StringBuilder json = new StringBuilder("{");
        for (String name : CATEGORY_NAMES) {
            json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":0.9");
        }
        return json.append('}').toString();
    }

    private static final String[] CATEGORY_NAMES = {
        "harassment",
        "harassment/threatening",
        "hate",
        "hate/threatening",
        "illicit",
        "illicit/violent",
        "self-harm",
        "self-harm/instructions",
        "self-harm/intent",
        "sexual",
        "sexual/minors",
        "violence",
        "violence/graphic"
    };
}
