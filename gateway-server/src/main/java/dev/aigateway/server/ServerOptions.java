package dev.aigateway.server;

import java.util.Map;

/** Command-line and environment settings of the server. */
record ServerOptions(String host, int port, long maxBodyBytes, int maxThreads, boolean help) {
    static final String USAGE =
            "usage: java -jar gateway-server.jar [--port N] [--host H] [--max-body-bytes N] [--max-threads N]\n"
                    + "  --port N            port to listen on (env PORT; default 8787)\n"
                    + "  --host H            address to bind (env HOST; default 127.0.0.1; use 0.0.0.0 in containers)\n"
                    + "  --max-body-bytes N  larger request bodies get 413 (env GATEWAY_MAX_BODY_BYTES; default 33554432)\n"
                    + "  --max-threads N     request threads on JDK 17; JDK 21+ uses virtual threads (env GATEWAY_MAX_THREADS; default 2048)";

    /** Parses {@code --name value} and {@code --name=value}; flags win over the environment. */
    static ServerOptions parse(String[] args, Map<String, String> env) {
        String host = env.getOrDefault("HOST", GatewayServer.DEFAULT_HOST);
        int port = intValue("PORT", env.getOrDefault("PORT", Integer.toString(GatewayServer.DEFAULT_PORT)), 0, 65535);
        long maxBody = longValue(
                "GATEWAY_MAX_BODY_BYTES",
                env.getOrDefault("GATEWAY_MAX_BODY_BYTES", Long.toString(GatewayServer.DEFAULT_MAX_BODY_BYTES)));
        int maxThreads = intValue("GATEWAY_MAX_THREADS", env.getOrDefault("GATEWAY_MAX_THREADS", "2048"), 1, 100_000);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new ServerOptions(host, port, maxBody, maxThreads, true);
            }
            String name = arg;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for " + arg);
            }
            switch (name) {
                case "--port" -> port = intValue("--port", value, 0, 65535);
                case "--host" -> host = value;
                case "--max-body-bytes" -> maxBody = longValue("--max-body-bytes", value);
                case "--max-threads" -> maxThreads = intValue("--max-threads", value, 1, 100_000);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new ServerOptions(host, port, maxBody, maxThreads, false);
    }

    private static int intValue(String name, String value, int min, int max) {
        long parsed = longValue(name, value);
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return (int) parsed;
    }

    private static long longValue(String name, String value) {
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed < 0) {
                throw new IllegalArgumentException(name + " must not be negative, got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }
}
