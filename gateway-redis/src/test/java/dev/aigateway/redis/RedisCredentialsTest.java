package dev.aigateway.redis;

import static dev.aigateway.redis.SharedStateContract.MINUTE;
import static dev.aigateway.redis.SharedStateContract.bytes;
import static dev.aigateway.redis.SharedStateContract.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.state.SharedStateUnavailableException;
import dev.aigateway.redis.testing.RedisServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Logging in with a password or an ACL user, and the password never showing anywhere. */
class RedisCredentialsTest {
    private static final String PASSWORD = "s3cret-default-pw";
    private static final String ALICE_PASSWORD = "alice-pw-9f2c";
    private static final String WRONG_PASSWORD = "wrong-pw-77ab";

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start(
                List.of("--requirepass", PASSWORD, "--user", "alice", "on", ">" + ALICE_PASSWORD, "~*", "&*", "+@all"));
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void thePasswordInTheUrlLogsIn() {
        try (RedisSharedState state = RedisSharedState.create(url(":" + PASSWORD + "@"))) {
            state.put("k", bytes("v"), MINUTE);
            assertEquals("v", text(state.get("k")));
        }
    }

    @Test
    void userInfoWithoutAColonIsThePassword() {
        try (RedisSharedState state = RedisSharedState.create(url(PASSWORD + "@"))) {
            assertEquals(1, state.increment("limit:no-colon", 1, MINUTE));
        }
    }

    @Test
    void anAclUserLogsInWithItsPassword() {
        try (RedisSharedState state = RedisSharedState.create(url("alice:" + ALICE_PASSWORD + "@"))) {
            assertTrue(state.putIfAbsent("breaker:alice", bytes("v"), MINUTE));
        }
    }

    @Test
    void aWrongPasswordIsAnOutageThatNamesNoPassword() {
        try (RedisSharedState state = RedisSharedState.create(url("alice:" + WRONG_PASSWORD + "@"))) {
            SharedStateUnavailableException e =
                    assertThrows(SharedStateUnavailableException.class, () -> state.get("k"));

            assertTrue(e.getMessage().contains("127.0.0.1:" + redis.port()), e::getMessage);
            assertTrue(e.getMessage().contains("WRONGPASS"), e::getMessage);
            assertNoPassword(stackTrace(e));
            assertNoPassword(state.toString());
        }
    }

    @Test
    void noPasswordIsAnOutage() {
        try (RedisSharedState state = RedisSharedState.create(redis.url())) {
            SharedStateUnavailableException e =
                    assertThrows(SharedStateUnavailableException.class, () -> state.put("k", bytes("v"), MINUTE));
            assertTrue(e.getMessage().contains("NOAUTH"), e::getMessage);
        }
    }

    @Test
    void toStringMasksThePassword() {
        try (RedisSharedState state = RedisSharedState.builder(url("alice:" + ALICE_PASSWORD + "@") + "/2")
                .keyPrefix("gw1:")
                .build()) {
            assertEquals(
                    "RedisSharedState[redis://alice:***@127.0.0.1:" + redis.port() + "/2, keyPrefix=gw1:]",
                    state.toString());
        }
    }

    @Test
    void anOutageLogsNoPassword() {
        try (RecordedLog log = RecordedLog.of(RedisSharedState.class);
                RedisServer other = RedisServer.startRequiringPassword(PASSWORD);
                RedisSharedState state =
                        RedisSharedState.create("redis://:" + PASSWORD + "@127.0.0.1:" + other.port())) {
            state.get("k");
            other.stop();
            SharedStateUnavailableException e =
                    assertThrows(SharedStateUnavailableException.class, () -> state.get("k"));

            assertFalse(log.lines().isEmpty());
            assertNoPassword(String.join("\n", log.lines()));
            assertNoPassword(stackTrace(e));
        }
    }

    @Test
    void rediss_speaksTlsAndSoFailsAgainstAPlainServer() {
        try (RedisSharedState state = RedisSharedState.create("rediss://:" + PASSWORD + "@127.0.0.1:" + redis.port())) {
            long start = System.nanoTime();
            SharedStateUnavailableException e =
                    assertThrows(SharedStateUnavailableException.class, () -> state.get("k"));
            assertTrue((System.nanoTime() - start) / 1_000_000 < 1_000, "a failed handshake is quick");
            assertNoPassword(stackTrace(e));
            assertTrue(state.toString().startsWith("RedisSharedState[rediss://:***@127.0.0.1:"), state::toString);
        }
    }

    private static String url(String login) {
        return "redis://" + login + "127.0.0.1:" + redis.port();
    }

    private static void assertNoPassword(String text) {
        for (String secret : List.of(PASSWORD, ALICE_PASSWORD, WRONG_PASSWORD)) {
            assertFalse(text.contains(secret), () -> "a password in: " + text);
        }
    }

    /** The exception with its causes, as a log line with a stack trace shows it. */
    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
