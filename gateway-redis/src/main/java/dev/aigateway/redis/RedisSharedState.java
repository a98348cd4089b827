package dev.aigateway.redis;

import dev.aigateway.core.state.SharedState;
import dev.aigateway.core.state.SharedStateUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * {@link SharedState} on a Redis server that all gateway replicas share. Created from a URL
 * ({@code redis://[[user]:password@]host[:port][/db]}, {@code rediss://} for TLS); see
 * {@link RedisSharedStateBuilder} for the key prefix, timeouts, pool size and back-off.
 *
 * <p>Each operation is one command on a pooled connection. {@link #increment} runs a small Lua
 * script, INCRBY then PEXPIRE only when the key has no TTL yet, so a window's TTL is set when its
 * counter is created and never extended, atomically. {@link #putIfAbsent} is {@code SET NX PX}.
 *
 * <p>A Redis that is down, slow (past the socket timeout), full or refusing the login makes the
 * operation throw {@link SharedStateUnavailableException}, and for the back-off after that every
 * operation throws it at once without trying; then one request probes Redis, and when it answers
 * all go back to it. The start and the end of each outage are logged once, at WARNING and INFO,
 * naming host and port but never the password.
 */
public final class RedisSharedState implements SharedState {
    private static final Logger LOG = Logger.getLogger(RedisSharedState.class.getName());

    private final RedisUrl url;
    private final String keyPrefix;
    private final UnifiedJedis redis;
    private final Runnable dropIdleConnections;
    private final OutageGate gate;
    private volatile boolean closed;

    RedisSharedState(RedisUrl url, String keyPrefix, RedisClient redis, OutageGate gate) {
        this.url = url;
        this.keyPrefix = keyPrefix;
        this.redis = redis;
        this.dropIdleConnections = () -> redis.getPool().clear();
        this.gate = gate;
    }

    /** A store with the defaults of {@link RedisSharedStateBuilder}. */
    public static RedisSharedState create(String url) {
        return builder(url).build();
    }

    /**
     * A builder for the Redis at {@code url}. Nothing connects until the first operation, so a
     * gateway starts while Redis is down.
     *
     * @throws IllegalArgumentException when {@code url} is not a Redis URL (the message leaves the
     *     password out)
     */
    public static RedisSharedStateBuilder builder(String url) {
        return new RedisSharedStateBuilder(RedisUrl.parse(Objects.requireNonNull(url, "url")));
    }

    @Override
    public long increment(String key, long delta, Duration ttl) {
        byte[] rawKey = key(key);
        List<byte[]> args = List.of(ascii(delta), ascii(ttlMillis(ttl)));
        return call(redis -> IncrementScript.run(redis, rawKey, args));
    }

    @Override
    public Optional<byte[]> get(String key) {
        byte[] rawKey = key(key);
        return Optional.ofNullable(call(redis -> redis.get(rawKey)));
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        byte[] rawKey = key(key);
        SetParams expiry = SetParams.setParams().px(ttlMillis(ttl));
        Objects.requireNonNull(value, "value");
        call(redis -> redis.set(rawKey, value, expiry));
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
        byte[] rawKey = key(key);
        SetParams onlyNew = SetParams.setParams().nx().px(ttlMillis(ttl));
        Objects.requireNonNull(value, "value");
        return call(redis -> redis.set(rawKey, value, onlyNew)) != null;
    }

    @Override
    public void delete(String key) {
        byte[] rawKey = key(key);
        call(redis -> redis.del(rawKey));
    }

    /** Also empty for a key that has no TTL, which only a writer other than this class can make. */
    @Override
    public OptionalLong ttlMillis(String key) {
        byte[] rawKey = key(key);
        long millis = call(redis -> redis.pttl(rawKey));
        return millis >= 0 ? OptionalLong.of(millis) : OptionalLong.empty();
    }

    /** Closes the connection pool; later operations throw {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
        redis.close();
    }

    /** The URL with the password masked, and the key prefix. */
    @Override
    public String toString() {
        return "RedisSharedState[" + url + ", keyPrefix=" + keyPrefix + "]";
    }

    /** Runs one command through the outage gate; every caller has checked {@link #key} first. */
    private <T> T call(Function<UnifiedJedis, T> command) {
        if (!gate.tryPass()) {
            throw new SharedStateUnavailableException("Redis at " + url.address() + " failed less than "
                    + gate.backoffMillis() + " ms ago; not tried until then");
        }
        try {
            T result = command.apply(redis);
            answered();
            return result;
        } catch (JedisDataException e) {
            Optional<String> misuse = misuse(e);
            if (misuse.isPresent()) {
                answered();
                throw new IllegalStateException(misuse.get());
            }
            throw unavailable("refused the command: " + firstLine(e), e);
        } catch (JedisConnectionException e) {
            dropIdleConnections.run();
            throw unavailable("is unreachable: " + firstLine(e), e);
        } catch (JedisException e) {
            throw unavailable("failed: " + firstLine(e), e);
        }
    }

    private void answered() {
        if (gate.succeeded()) {
            LOG.info(() -> "Redis at " + url.address() + " answers again; shared state is back");
        }
    }

    private SharedStateUnavailableException unavailable(String what, JedisException cause) {
        String message = "Redis at " + url.address() + " " + what;
        if (gate.failed()) {
            LOG.log(Level.WARNING, message + "; failing open, next try in " + gate.backoffMillis() + " ms");
        }
        return new SharedStateUnavailableException(message, cause);
    }

    /** The key as Redis sees it, prefixed; refuses all operations once closed. */
    private byte[] key(String key) {
        if (closed) {
            throw new IllegalStateException("the shared state is closed");
        }
        return (keyPrefix + Objects.requireNonNull(key, "key")).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What was wrong with the key when Redis refused a command for it, or empty when the refusal
     * was Redis's own state (a login, memory, a read-only replica): an outage.
     */
    private static Optional<String> misuse(JedisDataException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("would overflow")) {
            return Optional.of("the increment would overflow the counter");
        }
        if (message.contains("not an integer")) {
            return Optional.of("the key holds a value that is not a counter");
        }
        if (message.startsWith("WRONGTYPE")) {
            return Optional.of("the key holds a Redis type other than a string; another program wrote it");
        }
        return Optional.empty();
    }

    private static String firstLine(Exception e) {
        String message = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        return message.lines().findFirst().orElse("");
    }

    private static long ttlMillis(Duration ttl) {
        if (ttl.compareTo(Duration.ofMillis(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("a TTL must be from 1 ms to " + MAX_TTL.toDays() + " days, got " + ttl);
        }
        return ttl.toMillis();
    }

    private static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
