package dev.aigateway.examples;

import java.util.List;
import java.util.Optional;

/**
 * The options the demo examples share: {@code --gateway URL} uses a running gateway instead of
 * starting one in-process. The URL is the gateway's OpenAI base URL ({@code http://host:port/v1});
 * a bare {@code http://host:port} gets {@code /v1} added.
 */
public record DemoOptions(Optional<String> gatewayUrl) {
    public static final String USAGE = "[--gateway URL]   e.g. --gateway http://localhost:8787/v1";

    public static DemoOptions parse(List<String> args) {
        Optional<String> gateway = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--gateway") && i + 1 < args.size()) {
                gateway = Optional.of(baseUrl(args.get(++i)));
            } else if (arg.startsWith("--gateway=")) {
                gateway = Optional.of(baseUrl(arg.substring("--gateway=".length())));
            } else {
                throw new IllegalArgumentException("unknown or incomplete option: " + arg);
            }
        }
        return new DemoOptions(gateway);
    }

    /** {@code url} as an OpenAI base URL: no trailing slash, ending in {@code /v1}. */
    static String baseUrl(String url) {
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (!GatewayClient.isHttpUrl(trimmed)) {
            throw new IllegalArgumentException("--gateway needs an http(s) URL, got: " + url);
        }
        return trimmed.endsWith("/v1") ? trimmed : trimmed + "/v1";
    }
}
