package dev.aigateway.core.config;

import dev.aigateway.core.internal.net.BlockedAddresses;
import dev.aigateway.core.internal.net.IpLiteral;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Guards {@code custom_host} and {@code x-portkey-custom-host} against server-side request forgery:
 * http(s) only, no credentials, no query or fragment (the endpoint path is appended), no cloud
 * metadata hosts, no internal top-level domains, and no IP literal that is not a public unicast
 * address ({@link BlockedAddresses}), judged on the parsed address so that no spelling (IPv4-mapped
 * IPv6, NAT64, decimal, hex, octal, shortened) gets through. Host names are checked again, on the
 * addresses they resolve to, when the upstream client connects.
 *
 * <p>Trusted hosts are always allowed: by default {@code localhost}, {@code 127.0.0.1}, {@code ::1},
 * {@code host.docker.internal} and {@code *.localhost}, plus the operator's list
 * ({@value #TRUSTED_HOSTS_VARIABLE}, comma-separated). Trust goes to the spelling listed: a trusted
 * {@code 127.0.0.1} does not make {@code [::ffff:7f00:1]} trusted. Immutable and thread-safe.
 */
public final class CustomHostValidator {
    /** The environment variable (Portkey's name) that lists extra trusted hosts, comma-separated. */
    public static final String TRUSTED_HOSTS_VARIABLE = "TRUSTED_CUSTOM_HOSTS";

    static final Set<String> DEFAULT_TRUSTED = Set.of("localhost", "127.0.0.1", "::1", "host.docker.internal");
    private static final Set<String> BLOCKED_HOSTS =
            Set.of("metadata.google.internal", "metadata", "metadata.azure.com", "instance-data");
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
            Pattern.compile("^(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}\\.?$");
    private static final String BLOCKED = "private, loopback, link-local and metadata addresses are blocked"
            + " (list trusted hosts in " + TRUSTED_HOSTS_VARIABLE + ")";

    private final Set<String> trusted;
    private final Set<InetAddress> trustedAddresses;

    private CustomHostValidator(Set<String> trusted) {
        this.trusted = Set.copyOf(trusted);
        Set<InetAddress> addresses = new HashSet<>();
        for (String host : trusted) {
            IpLiteral.parse(host).ifPresent(bytes -> addresses.add(address(bytes)));
        }
        this.trustedAddresses = Set.copyOf(addresses);
    }

    /** The default trusted hosts plus {@code extraTrusted} (host names or IP literals). */
    public static CustomHostValidator create(Collection<String> extraTrusted) {
        Set<String> hosts = new HashSet<>(DEFAULT_TRUSTED);
        for (String host : extraTrusted) {
            String clean = host.strip().toLowerCase(Locale.ROOT);
            if (clean.startsWith("[") && clean.endsWith("]")) {
                clean = clean.substring(1, clean.length() - 1);
            }
            if (!clean.isEmpty()) {
                hosts.add(clean);
            }
        }
        return new CustomHostValidator(hosts);
    }

    /** The default trusted hosts plus those in {@code trustedCsv} (e.g. {@value #TRUSTED_HOSTS_VARIABLE}). */
    public static CustomHostValidator create(Optional<String> trustedCsv) {
        return create(trustedCsv.map(csv -> List.of(csv.split(","))).orElse(List.of()));
    }

    /** Reads {@value #TRUSTED_HOSTS_VARIABLE} from the environment. */
    public static CustomHostValidator fromEnvironment() {
        return create(Optional.ofNullable(System.getenv(TRUSTED_HOSTS_VARIABLE)));
    }

    /**
     * Whether {@code host} (a name, or an IP literal without brackets) is trusted as written:
     * listed, or a {@code *.localhost} name while {@code localhost} is listed.
     */
    public boolean trusts(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return trusted.contains(lower) || lower.endsWith(".localhost") && trusted.contains("localhost");
    }

    /** Whether {@code address} is one that an IP literal in the trusted list names. */
    public boolean trustsAddress(InetAddress address) {
        return trustedAddresses.contains(address(address.getAddress()));
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
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || value.contains("#") || value.contains("?")) {
            return Optional.of(
                    "a custom host is a base URL: the endpoint path is appended, so it takes no query or fragment");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("it has no host");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return Optional.of("the port is out of range");
        }
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        if (bracketed) {
            host = host.substring(1, host.length() - 1);
        }
        if (trusts(host)) {
            return Optional.empty();
        }
        return bracketed ? ipv6Problem(host) : hostnameProblem(host);
    }

    private static Optional<String> hostnameProblem(String host) {
        if (NUMERIC_LABELS.matcher(host).matches()) {
            // Only a plain dotted quad is judged; decimal, hex, octal and shortened forms never pass.
            return IpLiteral.ipv4(host)
                    .map(bytes -> BlockedAddresses.reason(bytes).map(reason -> BLOCKED))
                    .orElse(Optional.of(BLOCKED));
        }
        if (BLOCKED_HOSTS.contains(host)) {
            return Optional.of(BLOCKED);
        }
        if (!HOSTNAME.matcher(host).matches() || host.endsWith(".") || host.split("\\.").length > 10) {
            return Optional.of("the host name is not valid");
        }
        for (String tld : BLOCKED_TLDS) {
            if (host.endsWith(tld)) {
                return Optional.of("internal top-level domains are blocked (list trusted hosts in "
                        + TRUSTED_HOSTS_VARIABLE + ")");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6Problem(String host) {
        Optional<byte[]> address = IpLiteral.ipv6(host);
        if (address.isEmpty()) {
            return Optional.of("it is not a valid IPv6 address (zone ids are not accepted)");
        }
        return BlockedAddresses.reason(address.get()).map(reason -> BLOCKED);
    }

    /** An {@link InetAddress} for literal bytes; no lookup happens. */
    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not 4 or 16 bytes", e);
        }
    }

    @Override
    public String toString() {
        return "CustomHostValidator" + new ArrayList<>(trusted);
    }
}
