package dev.aigateway.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Command-line and environment settings of the server. Timeouts are in milliseconds; 0 turns a
 * timeout off. With {@code --config} (or {@code GATEWAY_CONFIG}) the config file's {@code server:}
 * section and {@code redis:} come first, the environment overrides them and flags override both;
 * the loaded file is {@link #configFile()}.
 */
record ServerOptions(
        String host,
        int port,
        long maxBodyBytes,
        int maxThreads,
        int maxConnections,
        int maxHeaderBytes,
        int requestParseTimeoutMs,
        int noRequestTimeoutMs,
        int requestBodyTimeoutMs,
        int idleTimeoutMs,
        Optional<String> redisUrl,
        Optional<Path> configPath,
        Optional<ConfigFile> configFile,
        int drainSeconds,
        boolean help,
        ObservabilityOptions observability) {
    static final String USAGE = "usage: java -jar gateway-server.jar [options]\n"
            + "  --port N                    port to listen on (env PORT; default 8787)\n"
            + "  --host H                    address to bind (env HOST; default 127.0.0.1; use 0.0.0.0 in containers)\n"
            + "  --max-body-bytes N          larger request bodies get 413 (env GATEWAY_MAX_BODY_BYTES; default 33554432)\n"
            + "  --max-threads N             request threads on JDK 17; JDK 21+ uses virtual threads"
            + " (env GATEWAY_MAX_THREADS; default 2048)\n"
            + "  --max-connections N         open connections; more wait to be accepted"
            + " (env GATEWAY_MAX_CONNECTIONS; default 10000)\n"
            + "  --max-header-bytes N        request line and headers together; more gets 400"
            + " (env GATEWAY_MAX_HEADER_BYTES; default 65536)\n"
            + "  --request-parse-timeout-ms N  time to send a request's line and headers once begun"
            + " (env GATEWAY_REQUEST_PARSE_TIMEOUT_MS; default 30000; 0 = off)\n"
            + "  --no-request-timeout-ms N   an open connection without a request is closed after this"
            + " (env GATEWAY_NO_REQUEST_TIMEOUT_MS; default 75000; 0 = off)\n"
            + "  --request-body-timeout-ms N the longest pause inside a request body, then 408"
            + " (env GATEWAY_REQUEST_BODY_TIMEOUT_MS; default 60000; 0 = off)\n"
            + "  --idle-timeout-ms N         a write to a client that makes no progress for this long closes the"
            + " connection; keep it above 10 minutes, the longest a stream may be silent"
            + " (env GATEWAY_IDLE_TIMEOUT_MS; default 900000; 0 = off)\n"
            + "  --redis URL                 redis://[user:password@]host:port[/db]: state shared with other replicas"
            + " (env GATEWAY_REDIS_URL; default: in this process)\n"
            + "  --config FILE               gateway.yaml (or .json): gateway API keys, named configs, limits, server"
            + " settings; re-read on SIGHUP or when it changes (env GATEWAY_CONFIG)\n"
            + "  --drain-seconds N           on SIGTERM, how long requests and streams in flight may take to finish"
            + " (env GATEWAY_DRAIN_SECONDS; default 30)\n"
            + "  --log-format json|text      the access log's lines on standard output (env GATEWAY_LOG_FORMAT;"
            + " default json)\n"
            + "  --quiet                     no access log (env GATEWAY_QUIET=true)\n"
            + "  --metrics true|false        GET /metrics in Prometheus' format (env GATEWAY_METRICS; default true)\n"
            + "  --admin-token T             opens the console, /public/ and /log/stream (env GATEWAY_ADMIN_TOKEN;"
            + " or a gateway key with admin: true)\n"
            + "  --log-bodies                the console shows request and answer bodies (env GATEWAY_LOG_BODIES=true)\n"
            + "  --prices FILE               prices per provider and model over the shipped table, for costs"
            + " (env GATEWAY_PRICES)";

    /** The options a config file may not set: the file itself. */
    private static final List<String> NOT_IN_FILE = List.of("--config");

    /**
     * Parses {@code --name value} and {@code --name=value}; flags win over the environment, which
     * wins over the config file when one is named. A bad config file throws {@link
     * ConfigFileException}.
     */
    static ServerOptions parse(String[] args, Map<String, String> env) {
        ServerOptions options = parse(args, env, List.of(), Optional.empty());
        if (options.help() || options.configPath().isEmpty()) {
            return options;
        }
        ConfigFile file = ConfigFile.load(options.configPath().get(), env);
        return parse(args, env, file.current().serverOptions(), Optional.of(file));
    }

    /** Whether a config file's {@code server:} section may set {@code flag}. */
    static boolean settableInFile(String flag) {
        return !NOT_IN_FILE.contains(flag) && Option.find(flag).isPresent();
    }

    /** The flags a config file may set, for its error messages. */
    static List<String> fileSettableFlags() {
        List<String> flags = new ArrayList<>();
        for (Option option : Option.values()) {
            if (!NOT_IN_FILE.contains(option.flag)) {
                flags.add(option.flag);
            }
        }
        return flags;
    }

    /** Checks the values a config file gives, as {@link #parse} would apply them. */
    static void checkFileOptions(List<FileOption> fileOptions) {
        parse(new String[0], Map.of(), fileOptions, Optional.empty());
    }

    private static ServerOptions parse(
            String[] args, Map<String, String> env, List<FileOption> fileOptions, Optional<ConfigFile> file) {
        Values values = new Values();
        values.configFile = file;
        for (FileOption option : fileOptions) {
            try {
                values.set(Option.named(option.flag()), option.source(), option.value());
            } catch (IllegalArgumentException e) {
                throw new ConfigFileException(e.getMessage());
            }
        }
        for (Option option : Option.values()) {
            String fromEnv = env.get(option.env);
            if (fromEnv != null) {
                values.set(option, option.env, fromEnv);
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                values.help = true;
                return values.build();
            }
            String name = arg;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else if (Option.find(arg).map(Option::isSwitch).orElse(false)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for " + arg);
            }
            values.set(Option.named(name), name, value);
        }
        return values.build();
    }

    /** Every option, with its flag, its environment variable and its range. */
    private enum Option {
        HOST("--host", "HOST", 0, 0),
        PORT("--port", "PORT", 0, 65_535),
        MAX_BODY_BYTES("--max-body-bytes", "GATEWAY_MAX_BODY_BYTES", 1, GatewayServer.LARGEST_MAX_BODY_BYTES),
        MAX_THREADS("--max-threads", "GATEWAY_MAX_THREADS", 1, 100_000),
        MAX_CONNECTIONS("--max-connections", "GATEWAY_MAX_CONNECTIONS", 1, Integer.MAX_VALUE),
        MAX_HEADER_BYTES("--max-header-bytes", "GATEWAY_MAX_HEADER_BYTES", 1024, 16 << 20),
        REQUEST_PARSE_TIMEOUT("--request-parse-timeout-ms", "GATEWAY_REQUEST_PARSE_TIMEOUT_MS", 0, Integer.MAX_VALUE),
        NO_REQUEST_TIMEOUT("--no-request-timeout-ms", "GATEWAY_NO_REQUEST_TIMEOUT_MS", 0, Integer.MAX_VALUE),
        REQUEST_BODY_TIMEOUT("--request-body-timeout-ms", "GATEWAY_REQUEST_BODY_TIMEOUT_MS", 0, Integer.MAX_VALUE),
        IDLE_TIMEOUT("--idle-timeout-ms", "GATEWAY_IDLE_TIMEOUT_MS", 0, Integer.MAX_VALUE),
        REDIS("--redis", "GATEWAY_REDIS_URL", 0, 0),
        CONFIG("--config", "GATEWAY_CONFIG", 0, 0),
        DRAIN_SECONDS("--drain-seconds", "GATEWAY_DRAIN_SECONDS", 0, 3600),
        LOG_FORMAT("--log-format", "GATEWAY_LOG_FORMAT", 0, 0),
        QUIET("--quiet", "GATEWAY_QUIET", 0, 0),
        METRICS("--metrics", "GATEWAY_METRICS", 0, 0),
        ADMIN_TOKEN("--admin-token", "GATEWAY_ADMIN_TOKEN", 0, 0),
        LOG_BODIES("--log-bodies", "GATEWAY_LOG_BODIES", 0, 0),
        PRICES("--prices", "GATEWAY_PRICES", 0, 0);

        /** Options that are switches: {@code --quiet} alone means true. */
        boolean isSwitch() {
            return this == QUIET || this == LOG_BODIES;
        }

        final String flag;
        final String env;
        final long min;
        final long max;

        Option(String flag, String env, long min, long max) {
            this.flag = flag;
            this.env = env;
            this.min = min;
            this.max = max;
        }

        static Option named(String flag) {
            return find(flag).orElseThrow(() -> new IllegalArgumentException("unknown option " + flag));
        }

        static Optional<Option> find(String flag) {
            for (Option option : values()) {
                if (option.flag.equals(flag)) {
                    return Optional.of(option);
                }
            }
            return Optional.empty();
        }

        long number(String source, String value) {
            long parsed;
            try {
                parsed = Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + " must be a whole number, got '" + value + "'");
            }
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(
                        source + " must be between " + min + " and " + max + ", got " + value);
            }
            return parsed;
        }
    }

    /** The settings while they are being read, starting from the defaults. */
    private static final class Values {
        String host = GatewayServer.DEFAULT_HOST;
        int port = GatewayServer.DEFAULT_PORT;
        long maxBodyBytes = GatewayServer.DEFAULT_MAX_BODY_BYTES;
        int maxThreads = GatewayServer.DEFAULT_MAX_THREADS;
        int maxConnections = GatewayServer.DEFAULT_MAX_CONNECTIONS;
        int maxHeaderBytes = GatewayServer.DEFAULT_MAX_HEADER_BYTES;
        int requestParseTimeoutMs = millis(GatewayServer.DEFAULT_REQUEST_PARSE_TIMEOUT);
        int noRequestTimeoutMs = millis(GatewayServer.DEFAULT_NO_REQUEST_TIMEOUT);
        int requestBodyTimeoutMs = millis(GatewayServer.DEFAULT_REQUEST_BODY_TIMEOUT);
        int idleTimeoutMs = millis(GatewayServer.DEFAULT_IDLE_TIMEOUT);
        Optional<String> redisUrl = Optional.empty();
        Optional<Path> configPath = Optional.empty();
        Optional<ConfigFile> configFile = Optional.empty();
        int drainSeconds = 30;
        boolean help;
        ObservabilityOptions observability = ObservabilityOptions.DEFAULTS;

        void set(Option option, String source, String value) {
            switch (option) {
                case HOST -> host = value;
                case REDIS -> redisUrl = redisUrl(source, value);
                case CONFIG -> configPath = value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.strip()));
                case DRAIN_SECONDS -> drainSeconds = (int) option.number(source, value);
                case PORT -> port = (int) option.number(source, value);
                case MAX_BODY_BYTES -> maxBodyBytes = option.number(source, value);
                case MAX_THREADS -> maxThreads = (int) option.number(source, value);
                case MAX_CONNECTIONS -> maxConnections = (int) option.number(source, value);
                case MAX_HEADER_BYTES -> maxHeaderBytes = (int) option.number(source, value);
                case REQUEST_PARSE_TIMEOUT -> requestParseTimeoutMs = (int) option.number(source, value);
                case NO_REQUEST_TIMEOUT -> noRequestTimeoutMs = (int) option.number(source, value);
                case REQUEST_BODY_TIMEOUT -> requestBodyTimeoutMs = (int) option.number(source, value);
                case IDLE_TIMEOUT -> idleTimeoutMs = (int) option.number(source, value);
                case LOG_FORMAT, QUIET, METRICS, ADMIN_TOKEN, LOG_BODIES, PRICES -> observability =
                        observability(option, source, value);
            }
        }

        private ObservabilityOptions observability(Option option, String source, String value) {
            ObservabilityOptions o = observability;
            return switch (option) {
                case LOG_FORMAT -> new ObservabilityOptions(
                        logFormat(source, value), o.quiet(), o.metrics(), o.adminToken(), o.logBodies(), o.prices());
                case QUIET -> new ObservabilityOptions(
                        o.logFormat(), bool(source, value), o.metrics(), o.adminToken(), o.logBodies(), o.prices());
                case METRICS -> new ObservabilityOptions(
                        o.logFormat(), o.quiet(), bool(source, value), o.adminToken(), o.logBodies(), o.prices());
                case ADMIN_TOKEN -> new ObservabilityOptions(
                        o.logFormat(), o.quiet(), o.metrics(), adminToken(source, value), o.logBodies(), o.prices());
                case LOG_BODIES -> new ObservabilityOptions(
                        o.logFormat(), o.quiet(), o.metrics(), o.adminToken(), bool(source, value), o.prices());
                default -> new ObservabilityOptions(
                        o.logFormat(),
                        o.quiet(),
                        o.metrics(),
                        o.adminToken(),
                        o.logBodies(),
                        value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.strip())));
            };
        }

        private static dev.aigateway.server.observability.AccessLog.Format logFormat(String source, String value) {
            return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "json" -> dev.aigateway.server.observability.AccessLog.Format.JSON;
                case "text" -> dev.aigateway.server.observability.AccessLog.Format.TEXT;
                default -> throw new IllegalArgumentException(source + " must be json or text, got '" + value + "'");
            };
        }

        private static boolean bool(String source, String value) {
            return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new IllegalArgumentException(source + " must be true or false, got '" + value + "'");
            };
        }

        /** Never quoted in a message: it is a secret. */
        private static Optional<String> adminToken(String source, String value) {
            String token = value.strip();
            if (token.isEmpty()) {
                return Optional.empty();
            }
            if (token.length() < ObservabilityOptions.MIN_ADMIN_TOKEN_LENGTH) {
                throw new IllegalArgumentException(
                        source + " needs at least " + ObservabilityOptions.MIN_ADMIN_TOKEN_LENGTH + " characters");
            }
            return Optional.of(token);
        }

        ServerOptions build() {
            return new ServerOptions(
                    host,
                    port,
                    maxBodyBytes,
                    maxThreads,
                    maxConnections,
                    maxHeaderBytes,
                    requestParseTimeoutMs,
                    noRequestTimeoutMs,
                    requestBodyTimeoutMs,
                    idleTimeoutMs,
                    redisUrl,
                    configPath,
                    configFile,
                    drainSeconds,
                    help,
                    observability);
        }

        /** A {@code redis://} or {@code rediss://} URL; the message never quotes it (a password). */
        private static Optional<String> redisUrl(String source, String value) {
            String url = value.strip();
            if (url.isEmpty()) {
                return Optional.empty();
            }
            if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
                throw new IllegalArgumentException(source + " must be a redis:// or rediss:// URL");
            }
            return Optional.of(url);
        }

        private static int millis(java.time.Duration duration) {
            return (int) duration.toMillis();
        }
    }
}
