package dev.aigateway.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisUrlTest {
    @Test
    void readsEveryPart() {
        assertEquals(
                new RedisUrl(false, "redis.internal", 6380, Optional.of("gw"), Optional.of("p@ss:word"), 2),
                RedisUrl.parse("redis://gw:p%40ss:word@redis.internal:6380/2"));
    }

    @Test
    void defaultsThePortAndTheDatabase() {
        assertEquals(
                new RedisUrl(false, "localhost", 6379, Optional.empty(), Optional.empty(), 0),
                RedisUrl.parse("redis://localhost"));
        assertEquals(
                new RedisUrl(false, "localhost", 6379, Optional.empty(), Optional.empty(), 0),
                RedisUrl.parse(" REDIS://localhost/ "));
    }

    @Test
    void userInfoWithoutAColonOrWithAnEmptyUserIsAPassword() {
        assertEquals(Optional.of("secret"), RedisUrl.parse("redis://secret@h:1").password());
        assertEquals(Optional.empty(), RedisUrl.parse("redis://secret@h:1").user());
        assertEquals(
                Optional.of("secret"), RedisUrl.parse("redis://:secret@h:1").password());
        assertEquals(Optional.empty(), RedisUrl.parse("redis://:secret@h:1").user());
    }

    @Test
    void redissMeansTls() {
        assertTrue(RedisUrl.parse("rediss://cache.example.com:6380").tls());
        assertFalse(RedisUrl.parse("redis://cache.example.com:6380").tls());
    }

    @Test
    void readsAnIpv6Host() {
        RedisUrl url = RedisUrl.parse("redis://[::1]:7000");
        assertEquals("::1", url.host());
        assertEquals("[::1]:7000", url.address());
    }

    @Test
    void toStringMasksThePassword() {
        assertEquals(
                "redis://gw:***@h:1/2",
                RedisUrl.parse("redis://gw:secret@h:1/2").toString());
        assertEquals(
                "rediss://:***@h:1/0", RedisUrl.parse("rediss://secret@h:1").toString());
        assertEquals("redis://gw@h:1/0", RedisUrl.parse("redis://gw:@h:1").toString());
        assertEquals("redis://h:6379/0", RedisUrl.parse("redis://h").toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://:topsecret@h:1",
                "redis://:topsecret@",
                "redis://:topsecret@h:1/x",
                "redis://:topsecret@h:1/-1",
                "redis://:topsecret@h:1/0?timeout=5",
                "redis://:top secret@h:1",
                ":topsecret@h:1",
                "redis://:topsecret@h:notaport"
            })
    void refusesWhatIsNotARedisUrlWithoutQuotingThePassword(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse(url));
        assertTrue(e.getMessage().contains("redis://[[user]:password@]host[:port][/db]"), e::getMessage);
        assertFalse(e.getMessage().contains("topsecret"), e::getMessage);
        assertEquals(null, e.getCause());
    }

    @Test
    void theBuilderRefusesABadUrlTheSameWay() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RedisSharedState.create("redis//:topsecret@h"));
        assertFalse(e.getMessage().contains("topsecret"), e::getMessage);
    }
}
