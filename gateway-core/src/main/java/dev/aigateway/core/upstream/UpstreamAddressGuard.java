package dev.aigateway.core.upstream;

import dev.aigateway.core.config.CustomHostValidator;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.internal.net.BlockedAddresses;
import dev.aigateway.core.internal.net.IpLiteral;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import okhttp3.Dns;
import okhttp3.HttpUrl;

/**
 * Checks, at connect time, the addresses the gateway is about to dial: a host name must resolve
 * to public addresses only, so a custom host, a DNS answer that changes between validation and
 * connection (rebinding) or a poisoned hosts file cannot point a call at a private, loopback,
 * link-local or metadata address. Host names the operator trusts ({@link CustomHostValidator})
 * resolve unchecked, and IP literals are checked before the call, since OkHttp dials them without
 * a lookup. The resolver is injectable, so tests can resolve any name to any address. Thread-safe.
 */
final class UpstreamAddressGuard implements Dns {
    private final CustomHostValidator hosts;
    private final Dns resolver;

    UpstreamAddressGuard(CustomHostValidator hosts, Dns resolver) {
        this.hosts = hosts;
        this.resolver = resolver;
    }

    /** Resolves {@code hostname}; refuses the lot when any address is blocked and the name not trusted. */
    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> addresses = resolver.lookup(hostname);
        if (hosts.trusts(hostname)) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            if (BlockedAddresses.isBlocked(address)) {
                throw new BlockedAddressException(hostname);
            }
        }
        return addresses;
    }

    /**
     * Refuses a URL whose host is an IP literal that is blocked and not trusted. OkHttp has already
     * written the literal in its canonical form (an IPv4-mapped IPv6 literal as IPv4), which is the
     * address it would dial.
     */
    void checkLiteral(HttpUrl url) {
        String host = url.host();
        Optional<byte[]> literal = IpLiteral.parse(host);
        if (literal.isEmpty() || hosts.trusts(host)) {
            return;
        }
        try {
            InetAddress address = InetAddress.getByAddress(literal.get());
            if (!hosts.trustsAddress(address) && BlockedAddresses.isBlocked(address)) {
                throw refused("the upstream address is private, loopback, link-local, metadata or reserved");
            }
        } catch (UnknownHostException e) {
            throw refused("the upstream address is not valid");
        }
    }

    /** The gateway's answer to a refused address: a 502 that names no address. */
    static GatewayException refused(String reason) {
        return new GatewayException(
                502,
                "The gateway refused to call the upstream: " + reason + "; an operator can trust hosts with "
                        + CustomHostValidator.TRUSTED_HOSTS_VARIABLE);
    }

    /** A name resolved to a blocked address. Its message names the host, never the address. */
    static final class BlockedAddressException extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        BlockedAddressException(String hostname) {
            super("the host " + hostname
                    + " resolved to a private, loopback, link-local, metadata or reserved address");
        }
    }
}
