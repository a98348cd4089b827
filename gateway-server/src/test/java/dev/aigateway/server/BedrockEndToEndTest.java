package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.provider.Providers;
import dev.aigateway.core.provider.bedrock.BedrockCredentials;
import dev.aigateway.core.provider.bedrock.BedrockProvider;
import dev.aigateway.server.fakes.FakeBedrock;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/**
 * openai-java through the server to a fake Bedrock that recomputes every SigV4 signature from the
 * secret and refuses a wrong one: chat, a stream read with the SDK's accumulator, embeddings in
 * openai-java's default base64, a wrong secret (401 to the caller), and a role assumed through a
 * fake STS whose temporary credentials sign the call.
 */
class BedrockEndToEndTest {
    private static final String MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private final MockWebServer bedrock = new MockWebServer();
    private final MockWebServer sts = new MockWebServer();
    private final FakeBedrock fake = new FakeBedrock()
            .withKey("AKIDEXAMPLE", SECRET, "")
            .withKey("ASIAROLE", "role-secret", "role-session-token");
    private GatewayServer server;

    @BeforeEach
    void start() throws Exception {
        bedrock.setDispatcher(fake);
        bedrock.start();
        sts.start();
        BedrockProvider withFakeSts = new BedrockProvider(BedrockCredentials.create(
                AnonymousCredentialsProvider.create(),
                Optional.of(URI.create(sts.url("/").toString()))));
        server = GatewayServer.builder()
                .port(0)
                .gateway(Gateway.builder()
                        .sleeper(d -> {})
                        .providers(Providers.defaults().with(withFakeSts))
                        .build())
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        bedrock.close();
        sts.close();
    }

    @Test
    void aChatCompletionIsSignedAndAnswered() {
        ChatCompletion answer = client(SECRET).chat().completions().create(OpenAiClients.sayHello(MODEL));

        assertEquals(
                FakeBedrock.ANSWER, answer.choices().get(0).message().content().orElseThrow());
        assertEquals(
                ChatCompletion.Choice.FinishReason.STOP, answer.choices().get(0).finishReason());
        assertEquals(13, answer.usage().orElseThrow().totalTokens());
        assertEquals(List.of("/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse"), fake.signedPaths());
    }

    @Test
    void aStreamIsDecodedFromTheEventStreamAndAccumulated() {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client(SECRET)
                .chat()
                .completions()
                .createStreaming(OpenAiClients.withIncludeUsage(OpenAiClients.sayHello(MODEL)))) {
            stream.stream().forEach(accumulator::accumulate);
        }
        ChatCompletion answer = accumulator.chatCompletion();

        assertEquals(
                FakeBedrock.ANSWER, answer.choices().get(0).message().content().orElseThrow());
        assertEquals(13, answer.usage().orElseThrow().totalTokens());
        assertEquals(List.of("/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse-stream"), fake.signedPaths());
    }

    @Test
    void embeddingsComeBackInOpenAiJavasDefaultBase64() {
        CreateEmbeddingResponse answer = client(SECRET)
                .embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("amazon.titan-embed-text-v2:0")
                        .input("Hello")
                        .build());

        List<Float> vector = answer.data().get(0).embedding();
        assertArrayEquals(new float[] {0.5f, -0.25f, 1.0f}, new float[] {vector.get(0), vector.get(1), vector.get(2)});
        assertEquals(3, answer.usage().promptTokens());
        assertEquals(List.of("/model/amazon.titan-embed-text-v2%3A0/invoke"), fake.signedPaths());
    }

    @Test
    void aWrongSecretIsRefusedByTheFakeAndReachesTheCallerAsA401() {
        UnauthorizedException e = assertThrows(
                UnauthorizedException.class,
                () -> client("not-the-secret").chat().completions().create(OpenAiClients.sayHello(MODEL)));

        assertTrue(e.getMessage().contains("signature we calculated does not match"), e.getMessage());
        assertTrue(fake.signedPaths().isEmpty());
    }

    @Test
    void aRoleIsAssumedThroughStsAndItsTemporaryCredentialsSignTheCall() throws Exception {
        sts.enqueue(new MockResponse.Builder()
                .addHeader("content-type", "text/xml")
                .body("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                        + "<AssumedRoleUser><AssumedRoleId>AROA1:s</AssumedRoleId><Arn>arn:aws:sts::1:assumed-role/r/s</Arn>"
                        + "</AssumedRoleUser><Credentials><AccessKeyId>ASIAROLE</AccessKeyId>"
                        + "<SecretAccessKey>role-secret</SecretAccessKey><SessionToken>role-session-token</SessionToken>"
                        + "<Expiration>"
                        + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
                        + "</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>")
                .build());
        String config = config(SECRET).replace("}", ",\"aws_role_arn\":\"arn:aws:iam::123456789012:role/r\"}");
        OpenAIClient client = OpenAiClients.withConfig(server, config);

        ChatCompletion first = client.chat().completions().create(OpenAiClients.sayHello(MODEL));
        ChatCompletion second = client.chat().completions().create(OpenAiClients.sayHello(MODEL));

        assertEquals(
                FakeBedrock.ANSWER, first.choices().get(0).message().content().orElseThrow());
        assertEquals(
                FakeBedrock.ANSWER, second.choices().get(0).message().content().orElseThrow());
        assertEquals(1, sts.getRequestCount(), "the role's credentials are kept");
        assertTrue(sts.takeRequest().getHeaders().get("authorization").contains("Credential=AKIDEXAMPLE/"));
        assertEquals(2, fake.signedPaths().size());
    }

    private OpenAIClient client(String secret) {
        return OpenAiClients.withConfig(server, config(secret));
    }

    private String config(String secret) {
        return "{\"provider\":\"bedrock\",\"aws_access_key_id\":\"AKIDEXAMPLE\",\"aws_secret_access_key\":\"" + secret
                + "\",\"aws_region\":\"us-east-1\",\"custom_host\":\""
                + bedrock.url("").toString().replaceAll("/$", "")
                + "\"}";
    }
}
