package dev.aigateway.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where Redis is and how to log in: {@code redis://[[user]:password@]host[:port][/db]}, or
 * {@code rediss://} for TLS. The port defaults to 6379 and the database to 0; user info without a
 * colon is a password, as in Jedis and Lettuce. {@link #toString()} and every error message leave
 * the password out.
 */
record RedisUrl(boolean tls, String host, int port, Optional<String> user, Optional<String> password, int database) {
    static final int DEFAULT_PORT = 6379;
    private static final String SHAPE = "redis://[[user]:password@]host[:port][/db] or rediss://...";

    static RedisUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            // The parser's message quotes the whole URL, password included: leave it out.
            throw new IllegalArgumentException("the Redis URL is not a valid URL; expected " + SHAPE);
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException(
                    "the Redis URL must start with redis:// or rediss://; expected " + SHAPE);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the Redis URL has no host; expected " + SHAPE);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the Redis URL takes no query or fragment; expected " + SHAPE);
        }
        String host = uri.getHost().replaceAll("^\\[|]$", "");
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = colon < 0 ? Optional.empty() : nonEmpty(userInfo.substring(0, colon));
            password = nonEmpty(colon < 0 ? userInfo : userInfo.substring(colon + 1));
        }
        return new RedisUrl(scheme.equals("rediss"), host, port, user, password, database(uri.getPath()));
    }

    private static int database(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return 0;
        }
        try {
            int database = Integer.parseInt(path.substring(1));
            if (database >= 0) {
                return database;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "the Redis URL's path must be a database number such as /0; expected " + SHAPE);
    }

    private static Optional<String> nonEmpty(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** host:port, for messages. */
    String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The URL with the password masked. */
    @Override
    public String toString() {
        String login = password.isEmpty() ? user.map(name -> name + "@").orElse("") : user.orElse("") + ":***@";
        return (tls ? "rediss://" : "redis://") + login + address() + "/" + database;
    }
}
