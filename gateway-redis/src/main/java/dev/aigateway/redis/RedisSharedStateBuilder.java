package dev.aigateway.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;

/**
 * Settings of a {@link RedisSharedState}. The defaults suit a Redis next to the gateway: a down
 * or stalled Redis costs a request at most a quarter of a second, and then nothing for a second.
 */
public final class RedisSharedStateBuilder {
    public static final String DEFAULT_KEY_PREFIX = "aigw:";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(250);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofMillis(250);
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

    private static final LongSupplier MONOTONIC_MILLIS = () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime());

    private final RedisUrl url;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private Duration backoff = DEFAULT_BACKOFF;
    private LongSupplier clock = MONOTONIC_MILLIS;

    RedisSharedStateBuilder(RedisUrl url) {
        this.url = url;
    }

    /**
     * Put before every key (default {@value #DEFAULT_KEY_PREFIX}), so the gateway's keys neither
     * meet another application's in a shared Redis nor another gateway deployment's when each has
     * its own prefix. Replicas that must agree use the same prefix.
     */
    public RedisSharedStateBuilder keyPrefix(String keyPrefix) {
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        return this;
    }

    /** How long opening a connection may take (default 250 ms). */
    public RedisSharedStateBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connectTimeout");
        return this;
    }

    /**
     * How long one command may wait for its answer (default 250 ms); also how long a request
     * waits for a free connection when all are busy.
     */
    public RedisSharedStateBuilder socketTimeout(Duration timeout) {
        this.socketTimeout = positive(timeout, "socketTimeout");
        return this;
    }

    /** Connections kept to Redis at most (default 64); request threads share them. */
    public RedisSharedStateBuilder maxConnections(int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        this.maxConnections = maxConnections;
        return this;
    }

    /** How long to skip Redis after a failure before one request tries again (default 1 s). */
    public RedisSharedStateBuilder backoff(Duration backoff) {
        this.backoff = positive(backoff, "backoff");
        return this;
    }

    /** The time in milliseconds for the back-off; only differences matter. Default: nanoTime. */
    public RedisSharedStateBuilder clock(LongSupplier millis) {
        this.clock = Objects.requireNonNull(millis, "millis");
        return this;
    }

    public RedisSharedState build() {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis(connectTimeout))
                .socketTimeoutMillis(millis(socketTimeout))
                .database(url.database())
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        url.user().ifPresent(config::user);
        url.password().ifPresent(config::password);
        if (url.tls()) {
            // FULL: the server's certificate must be trusted by the JVM and name the URL's host.
            config.sslOptions(
                    SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL).build());
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        pool.setMinIdle(0);
        pool.setMaxWait(socketTimeout);
        pool.setBlockWhenExhausted(true);
        RedisClient client = RedisClient.builder()
                .hostAndPort(new HostAndPort(url.host(), url.port()))
                .clientConfig(config.build())
                .poolConfig(pool)
                .build();
        return new RedisSharedState(url, keyPrefix, client, new OutageGate(clock, backoff.toMillis()));
    }

    private static Duration positive(Duration duration, String name) {
        if (duration.compareTo(Duration.ofMillis(1)) < 0 || duration.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(name + " must be from 1 ms to 1 hour, got " + duration);
        }
        return duration;
    }

    private static int millis(Duration duration) {
        return Math.toIntExact(duration.toMillis());
    }
}
