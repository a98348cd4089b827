package dev.aigateway.server;

import static dev.aigateway.server.fakes.FaultyUpstream.Fault.BAD_KEY;
import static dev.aigateway.server.fakes.FaultyUpstream.Fault.CONTENT_POLICY;
import static dev.aigateway.server.fakes.FaultyUpstream.Fault.CONTEXT_LENGTH;
import static dev.aigateway.server.fakes.FaultyUpstream.Fault.CUT;
import static dev.aigateway.server.fakes.FaultyUpstream.Fault.HANG;
import static dev.aigateway.server.fakes.FaultyUpstream.Fault.MALFORMED_FIRST;
import static dev.aigateway.server.fakes.FaultyUpstream.Fault.MALFORMED_LATER;
import static dev.aigateway.server.fakes.FaultyUpstream.Fault.NO_DONE;
import static dev.aigateway.server.fakes.FaultyUpstream.Fault.RATE_LIMITED;
import static dev.aigateway.server.fakes.FaultyUpstream.Fault.RATE_LIMITED_RETRY_AFTER;
import static dev.aigateway.server.fakes.FaultyUpstream.Fault.RESET;
import static dev.aigateway.server.fakes.FaultyUpstream.Fault.SERVER_ERROR;
import static dev.aigateway.server.fakes.FaultyUpstream.Fault.SLOW_FIRST_EVENT;
import static dev.aigateway.server.fakes.FaultyUpstream.Fault.STALL;
import static dev.aigateway.server.fakes.FaultyUpstream.Fault.UNAVAILABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import dev.aigateway.core.internal.Json;
import dev.aigateway.server.fakes.FaultyUpstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sixteen failoverbench faults, end to end: a plain HTTP client → the gateway server as {@code
 * java -jar} builds it → a primary that misbehaves, with a healthy fallback. Each test asserts what
 * the caller received, how long it took, and how many calls each upstream got. Every scenario ends
 * in a complete answer or, where the fault came after the answer began, in an error event and
 * {@code [DONE]}.
 */
class FaultScenariosTest {
    private FaultBench bench;

    private GatewayServer start(FaultyUpstream primary) throws Exception {
        bench = new FaultBench(primary);
        return bench.server();
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    private void assertSecondaryAnswered(FaultBench.Reply reply, boolean stream) throws Exception {
        assertEquals(200, reply.status(), reply.body());
        assertEquals("config.targets[1]", reply.header("x-portkey-last-used-option-index"));
        if (stream) {
            assertEquals(FaultyUpstream.ANSWER, reply.streamedText());
            assertEquals("[DONE]", last(reply.events()));
            assertFalse(reply.body().contains("\"error\""), reply.body());
        } else {
            assertEquals(
                    FaultyUpstream.ANSWER,
                    reply.json().at("/choices/0/message/content").asText());
            assertEquals("gpt-4o-mini", reply.json().path("model").asText());
        }
        assertEquals(1, bench.healthy.calls());
    }

    private static String last(List<String> events) {
        return events.get(events.size() - 1);
    }

    private static JsonNode event(FaultBench.Reply reply, int index) throws Exception {
        return Json.parse(reply.events().get(index));
    }

    @Test
    void s01RateLimitedWithRetryAfterIsRetriedAfterTheWaitItAsks() throws Exception {
        FaultyUpstream primary = FaultyUpstream.once(RATE_LIMITED_RETRY_AFTER);
        GatewayServer server = start(primary);

        FaultBench.Reply reply = bench.call(
                server, bench.config("", ",\"retry\":{\"attempts\":2,\"use_retry_after_header\":true}"), false);

        assertEquals(200, reply.status());
        assertEquals("config.targets[0]", reply.header("x-portkey-last-used-option-index"));
        assertEquals("1", reply.header("x-portkey-retry-attempt-count"));
        assertEquals(List.of(Duration.ofSeconds(1)), bench.sleeps, "waited as retry-after said");
        assertEquals(2, primary.calls());
        assertEquals(0, bench.healthy.calls());
    }

    @Test
    void s02PersistentRateLimitBacksOffThenFallsBack() throws Exception {
        FaultyUpstream primary = FaultyUpstream.always(RATE_LIMITED);
        GatewayServer server = start(primary);

        FaultBench.Reply reply = bench.call(server, bench.config("", ",\"retry\":{\"attempts\":2}"), false);

        assertSecondaryAnswered(reply, false);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), bench.sleeps);
        assertEquals(3, primary.calls());
    }

    @Test
    void s03ServerErrorOnceIsRetried() throws Exception {
        FaultyUpstream primary = FaultyUpstream.once(SERVER_ERROR);
        GatewayServer server = start(primary);

        FaultBench.Reply reply = bench.call(server, bench.config("", ",\"retry\":{\"attempts\":1}"), false);

        assertEquals(200, reply.status());
        assertEquals("config.targets[0]", reply.header("x-portkey-last-used-option-index"));
        assertEquals(
                FaultyUpstream.ANSWER,
                reply.json().at("/choices/0/message/content").asText());
        assertEquals(2, primary.calls());
        assertEquals(0, bench.healthy.calls());
    }

    @Test
    void s04Persistent503FallsBack() throws Exception {
        FaultyUpstream primary = FaultyUpstream.always(UNAVAILABLE);
        GatewayServer server = start(primary);

        FaultBench.Reply reply = bench.call(server, bench.config("", ""), true);

        assertSecondaryAnswered(reply, true);
        assertEquals(1, primary.calls());
        assertTrue(reply.millis() < 5000, reply.millis() + " ms");
    }

    @Test
    void s05ResetBeforeHeadersFallsBack() throws Exception {
        FaultyUpstream primary = FaultyUpstream.always(RESET);
        GatewayServer server = start(primary);

        FaultBench.Reply reply = bench.call(server, bench.config("", ""), true);

        assertSecondaryAnswered(reply, true);
        assertEquals(1, primary.calls());
        assertTrue(reply.millis() < 5000, reply.millis() + " ms");
    }

    @Test
    void s06NoAnswerTimesOutAndFallsBack() throws Exception {
        FaultyUpstream primary = FaultyUpstream.always(HANG);
        GatewayServer server = start(primary);

        FaultBench.Reply reply = bench.call(server, bench.config("", ",\"request_timeout\":1000"), false);

        assertSecondaryAnswered(reply, false);
        assertEquals(1, primary.calls());
        assertTrue(reply.millis() >= 900 && reply.millis() < 5000, reply.millis() + " ms");
    }

    @Test
    void s07SlowFirstTokenFallsBackWithinTheTimeout() throws Exception {
        FaultyUpstream primary = FaultyUpstream.always(SLOW_FIRST_EVENT);
        GatewayServer server = start(primary);

        FaultBench.Reply reply = bench.call(server, bench.config("", ",\"request_timeout\":1000"), true);

        assertSecondaryAnswered(reply, true);
        assertEquals(1, primary.calls());
        assertTrue(reply.millis() >= 900 && reply.millis() < 5000, reply.millis() + " ms, not the 6 s first token");
    }

    @Test
    void s08StreamCutAfterItBeganEndsWithAnErrorEvent() throws Exception {
        FaultyUpstream primary = FaultyUpstream.always(CUT);
        GatewayServer server = start(primary);

        FaultBench.Reply reply = bench.call(server, bench.config("", ""), true);

        assertEquals(200, reply.status());
        assertEquals(4, reply.events().size(), reply.body());
        assertEquals(" wor", event(reply, 1).at("/choices/0/delta/content").asText());
        assertEquals("stream_error", event(reply, 2).at("/error/type").asText());
        assertEquals("[DONE]", last(reply.events()));
        assertEquals(1, primary.calls());
        assertEquals(0, bench.healthy.calls(), "the answer had begun: no fallback");
    }

    @Test
    void s09StalledStreamEndsOnceTheGapExceedsTheTimeout() throws Exception {
        FaultyUpstream primary = FaultyUpstream.always(STALL);
        GatewayServer server = start(primary);

        FaultBench.Reply reply = bench.call(server, bench.config("", ",\"request_timeout\":2000"), true);

        assertEquals(200, reply.status());
        assertEquals(4, reply.events().size(), reply.body());
        assertEquals(
                "The openai stream stalled: no event arrived for 2000 ms",
                event(reply, 2).at("/error/message").asText());
        assertEquals("[DONE]", last(reply.events()));
        assertTrue(reply.millis() >= 1900 && reply.millis() < 8000, reply.millis() + " ms");
        assertEquals(1, primary.calls());
    }

    @Test
    void s10MalformedEventsAreNeverRelayed() throws Exception {
        FaultyUpstream primary = FaultyUpstream.once(MALFORMED_FIRST);
        GatewayServer server = start(primary);

        FaultBench.Reply first = bench.call(server, bench.config("", ""), true);

        assertSecondaryAnswered(first, true);
        for (String event : first.events()) {
            assertTrue(event.equals("[DONE]") || Json.parse(event).isObject(), "relayed: " + event);
        }
        assertEquals(1, primary.calls());
    }

    @Test
    void s10MalformedEventAfterTheFirstEndsTheStreamWithAnErrorEvent() throws Exception {
        FaultyUpstream primary = FaultyUpstream.always(MALFORMED_LATER);
        GatewayServer server = start(primary);

        FaultBench.Reply reply = bench.call(server, bench.config("", ""), true);

        assertEquals(3, reply.events().size(), reply.body());
        assertEquals("Hello", event(reply, 0).at("/choices/0/delta/content").asText());
        assertEquals(
                "The openai stream ended early: the upstream sent an event that is not a JSON object",
                event(reply, 1).at("/error/message").asText());
        assertEquals("[DONE]", last(reply.events()));
        assertEquals(0, bench.healthy.calls());
    }

    @Test
    void s11MissingDoneAfterEveryChoiceFinishedIsAComplete() throws Exception {
        FaultyUpstream primary = FaultyUpstream.always(NO_DONE);
        GatewayServer server = start(primary);

        FaultBench.Reply reply = bench.call(server, bench.config("", ""), true);

        assertEquals(200, reply.status());
        assertEquals(FaultyUpstream.ANSWER, reply.streamedText());
        assertEquals("stop", event(reply, 2).at("/choices/0/finish_reason").asText());
        assertEquals("[DONE]", last(reply.events()));
        assertFalse(reply.body().contains("\"error\""), reply.body());
        assertEquals(0, bench.healthy.calls());
    }

    @Test
    void s12ContextLengthFallsBackToTheNextModel() throws Exception {
        FaultyUpstream primary = FaultyUpstream.always(CONTEXT_LENGTH);
        GatewayServer server = start(primary);

        FaultBench.Reply reply = bench.call(server, bench.config("", ",\"retry\":{\"attempts\":3}"), false);

        assertSecondaryAnswered(reply, false);
        assertEquals(1, primary.calls(), "a 400 is not retried");
        assertEquals(List.of(), bench.sleeps);
    }

    @Test
    void s13ContentPolicyIsNotRetriedOnTheSameModel() throws Exception {
        FaultyUpstream primary = FaultyUpstream.always(CONTENT_POLICY);
        GatewayServer server = start(primary);

        FaultBench.Reply alone = bench.call(
                server,
                "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + bench.primary.url("/v1")
                        + "\",\"retry\":{\"attempts\":3}}",
                false);

        assertEquals(400, alone.status());
        assertEquals("content_policy_violation", alone.json().at("/error/code").asText());
        assertEquals(1, primary.calls());
        assertEquals(List.of(), bench.sleeps);
    }

    @Test
    void s14BadKeyFallsBack() throws Exception {
        FaultyUpstream primary = FaultyUpstream.always(BAD_KEY);
        GatewayServer server = start(primary);

        FaultBench.Reply reply = bench.call(server, bench.config("", ""), false);

        assertSecondaryAnswered(reply, false);
        assertEquals(1, primary.calls());
    }

    @Test
    void s15FlappingPrimaryOpensTheBreakerServesTheFallbackAndClosesAgain() throws Exception {
        FaultyUpstream primary = FaultyUpstream.flapping();
        GatewayServer server = start(primary);
        String config = bench.config(",\"cb_config\":{\"failure_threshold\":2,\"cooldown_interval\":30000}", "");

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(bench.call(server, config, false).status());
        }
        int whileOpen = primary.calls();
        bench.clock.advance(Duration.ofSeconds(31));
        FaultBench.Reply probe = bench.call(server, config, false);
        FaultBench.Reply closed = bench.call(server, config, false);

        assertEquals(List.of(200), statuses.stream().distinct().toList());
        assertTrue(whileOpen <= 10, "the primary was called " + whileOpen + " times");
        assertEquals(4, whileOpen, "ok, fail, ok, fail: then open");
        assertEquals("config.targets[0]", probe.header("x-portkey-last-used-option-index"), "half-open probe");
        assertEquals(200, closed.status());
        assertEquals(whileOpen + 2, primary.calls(), "the probe succeeded: the primary is tried again");
    }

    @Test
    void s16AccountingNamesTheFallbackModelAndCarriesUsage() throws Exception {
        FaultyUpstream primary = FaultyUpstream.always(UNAVAILABLE);
        GatewayServer server = start(primary);

        HttpResponseFor<ChatCompletion> raw = OpenAiClients.withConfig(server, bench.config("", ""))
                .chat()
                .completions()
                .withRawResponse()
                .create(OpenAiClients.sayHello("gpt-4o"));
        ChatCompletion answer = raw.parse();

        assertEquals("gpt-4o-mini", answer.model());
        assertEquals(11, answer.usage().orElseThrow().totalTokens());
        assertEquals(
                "config.targets[1]",
                raw.headers().values("x-portkey-last-used-option-index").get(0));
        assertEquals("openai", raw.headers().values("x-portkey-provider").get(0));
        assertEquals(1, primary.calls());
        assertEquals(1, bench.healthy.calls());
    }
}
