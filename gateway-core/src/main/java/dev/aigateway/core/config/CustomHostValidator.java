package dev.aigateway.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Guards {@code custom_host} and {@code x-portkey-custom-host} against server-side request forgery,
 * with Portkey's rules: http(s) only, no credentials, no cloud metadata hosts, no private, loopback
 * or reserved addresses in any spelling, no internal top-level domains. Trusted hosts (by default
 * {@code localhost}, {@code 127.0.0.1}, {@code ::1}, {@code host.docker.internal} and
 * {@code *.localhost}, or the comma list in {@code TRUSTED_CUSTOM_HOSTS}) are always allowed.
 * Immutable and thread-safe.
 */
public final class CustomHostValidator {
    static final Set<String> DEFAULT_TRUSTED = Set.of("localhost", "127.0.0.1", "::1", "host.docker.internal");
    private static final Set<String> BLOCKED_HOSTS = Set.of(
            "0.0.0.0",
            "169.254.169.254",
            "metadata.google.internal",
            "metadata",
            "metadata.azure.com",
            "instance-data");
    private static final List<String> BLOCKED_TLDS = List.of(
            ".local",
            ".localdomain",
            ".internal",
            ".intranet",
            ".lan",
            ".home",
            ".corp",
            ".test",
            ".invalid",
            ".onion",
            ".localhost");
    private static final Pattern HOSTNAME = Pattern.compile("^[a-z0-9.-]+$");
    private static final Pattern NUMERIC_LABELS =
            Pattern.compile("^(0x[0-9a-f]+|[0-9]+)(\\.(0x[0-9a-f]+|[0-9]+)){0,3}$");

    private final Set<String> trusted;

    private CustomHostValidator(Set<String> trusted) {
        this.trusted = trusted;
    }

    /** The default trusted hosts plus those in {@code trustedCsv} (e.g. {@code TRUSTED_CUSTOM_HOSTS}). */
    public static CustomHostValidator create(Optional<String> trustedCsv) {
        Set<String> hosts = new java.util.HashSet<>(DEFAULT_TRUSTED);
        trustedCsv.ifPresent(csv -> {
            for (String host : csv.split(",")) {
                if (!host.isBlank()) {
                    hosts.add(host.strip().toLowerCase(Locale.ROOT));
                }
            }
        });
        return new CustomHostValidator(Set.copyOf(hosts));
    }

    /** Reads {@code TRUSTED_CUSTOM_HOSTS} from the environment. */
    public static CustomHostValidator fromEnvironment() {
        return create(Optional.ofNullable(System.getenv("TRUSTED_CUSTOM_HOSTS")));
    }

    /** Returns why {@code customHost} is refused, or empty when it is allowed. */
    public Optional<String> problem(String customHost) {
        String value = customHost.strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("it is empty or holds control characters");
        }
        if (value.contains("api.portkey")) {
            return Optional.of("it points at Portkey's hosted API");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of("it is not a valid URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            return Optional.of("only http and https URLs are allowed");
        }
        if (uri.getRawUserInfo() != null || value.contains("@")) {
            return Optional.of("credentials in the URL are not allowed");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("it has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return Optional.of("the port is out of range");
        }
        if (isTrusted(host)) {
            return Optional.empty();
        }
        return host.contains(":") ? ipv6Problem(host) : hostnameProblem(host);
    }

    private boolean isTrusted(String host) {
        return trusted.contains(host) || host.endsWith(".localhost") && trusted.contains("localhost");
    }

    private static Optional<String> hostnameProblem(String host) {
        String blocked = "private, loopback, link-local and metadata addresses are blocked"
                + " (list trusted hosts in TRUSTED_CUSTOM_HOSTS)";
        if (BLOCKED_HOSTS.contains(host) || host.startsWith("169.254.169.")) {
            return Optional.of(blocked);
        }
        if (!HOSTNAME.matcher(host).matches() || host.endsWith(".") || host.split("\\.").length > 10) {
            return Optional.of("the host name is not valid");
        }
        for (String tld : BLOCKED_TLDS) {
            if (host.endsWith(tld)) {
                return Optional.of(
                        "internal top-level domains are blocked (list trusted hosts in TRUSTED_CUSTOM_HOSTS)");
            }
        }
        if (NUMERIC_LABELS.matcher(host).matches()) {
            return isPublicDottedQuad(host) ? Optional.empty() : Optional.of(blocked);
        }
        return Optional.empty();
    }

    /** Only a plain four-part decimal address in a public range passes; other numeric forms never do. */
    private static boolean isPublicDottedQuad(String host) {
        String[] parts = host.split("\\.");
        if (parts.length != 4) {
            return false;
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.startsWith("0x") || part.length() > 3 || part.length() > 1 && part.startsWith("0")) {
                return false;
            }
            octets[i] = Integer.parseInt(part);
            if (octets[i] > 255) {
                return false;
            }
        }
        int a = octets[0];
        int b = octets[1];
        boolean reserved = a == 0
                || a == 10
                || a == 127
                || a >= 224
                || a == 172 && b >= 16 && b <= 31
                || a == 192 && b == 168
                || a == 169 && b == 254
                || a == 100 && b >= 64 && b <= 127;
        return !reserved;
    }

    private static Optional<String> ipv6Problem(String host) {
        String blocked = "private, loopback and link-local IPv6 addresses are blocked";
        if (host.equals("::")
                || host.equals("::1")
                || host.startsWith("fc")
                || host.startsWith("fd")
                || host.startsWith("fe80")
                || host.startsWith("fec0")) {
            return Optional.of(blocked);
        }
        if (host.startsWith("::ffff:")) {
            String mapped = host.substring("::ffff:".length());
            return mapped.contains(".") && !isPublicDottedQuad(mapped) ? Optional.of(blocked) : Optional.empty();
        }
        return Optional.empty();
    }
}
