package dev.aigateway.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aigateway.examples.fakes.FakeProviders;
import dev.aigateway.examples.generate.GenerateApp;
import dev.aigateway.examples.generate.GenerateSettings;
import dev.aigateway.server.GatewayServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The offline walkthrough in three pieces, as the README runs it: the fakes, a gateway server and
 * generate-app configured with exactly the variables the fakes example prints.
 */
class FakesExampleTest {
    private final Console console = new Console();

    @Test
    void thePrintedVariablesPointGenerateAppAtTheFakes() throws Exception {
        try (FakeProviders fakes =
                        new FakesExample().start(List.of("--gemini-port", "0", "--openai-port", "0"), console.out);
                GatewayServer gateway = GatewayServer.builder().port(0).build().start()) {
            Map<String, String> env = new HashMap<>();
            for (String line : console.lines()) {
                if (line.startsWith("export ")) {
                    String[] variable = line.substring("export ".length()).split("=", 2);
                    env.put(variable[0], variable[1]);
                }
            }
            assertEquals(fakes.gemini().url(), env.get("GEMINI_BASE_URL"));
            assertEquals(fakes.openAi().url(), env.get("OPENAI_BASE_URL"));
            env.put("GATEWAY_URL", gateway.url() + "/v1");
            env.put("PORT", "0");

            try (GenerateApp app = GenerateApp.start(GenerateSettings.fromEnvironment(env))) {
                HttpResponse<String> response = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(app.url() + "/generate"))
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                "{\"prompt\": \"Are you an OpenAI model?\"}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());

                assertEquals(200, response.statusCode(), response.body());
                assertEquals(
                        "google",
                        response.headers().firstValue("x-portkey-provider").orElse(""));
            }
        }
    }

    @Test
    void badPortsAreRefused() {
        FakesExample fakes = new FakesExample();

        assertThrows(IllegalArgumentException.class, () -> fakes.start(List.of("--gemini-port", "x"), console.out));
        assertThrows(IllegalArgumentException.class, () -> fakes.start(List.of("--openai-port"), console.out));
    }
}
