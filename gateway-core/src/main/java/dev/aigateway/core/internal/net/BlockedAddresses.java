package dev.aigateway.core.internal.net;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * The addresses the gateway never calls unless an operator trusts them: everything that is not a
 * public unicast address. Decided on the address bytes, never on a spelling, so every way of
 * writing an address (IPv4-mapped, -compatible or -translated IPv6, NAT64, 6to4) is judged by the
 * IPv4 address it stands for.
 *
 * <ul>
 *   <li>IPv4: 0/8, 10/8, 100.64/10 (carrier-grade NAT), 127/8, 169.254/16 (link-local and cloud
 *       metadata), 172.16/12, 192.0.0/24, 192.0.2/24, 192.88.99/24, 192.168/16, 198.18/15
 *       (benchmarking), 198.51.100/24, 203.0.113/24, 224/4 (multicast), 240/4 (reserved and
 *       broadcast).
 *   <li>IPv6: anything outside global unicast 2000::/3 (so ::, ::1, IPv4-compatible ::/96, the
 *       discard prefix 100::/64, unique-local fc00::/7, link-local fe80::/10, site-local
 *       fec0::/10, multicast ff00::/8, local-use NAT64 64:ff9b:1::/48), except IPv4-mapped
 *       ::ffff:0:0/96 and NAT64 64:ff9b::/96, judged by their IPv4 address; inside 2000::/3 the
 *       IETF special-purpose block 2001::/23 (Teredo, benchmarking, ...), documentation
 *       2001:db8::/32 and 3fff::/20, and 6to4 2002::/16 judged by its IPv4 address.
 * </ul>
 */
public final class BlockedAddresses {
    private BlockedAddresses() {}

    public static boolean isBlocked(InetAddress address) {
        return reason(address.getAddress()).isPresent();
    }

    /** What kind of address {@code address} (4 or 16 bytes) is when it is blocked, else empty. */
    public static Optional<String> reason(byte[] address) {
        if (address.length == 4) {
            return ipv4(address);
        }
        if (address.length != 16) {
            return Optional.of("not an IP address");
        }
        if (isZero(address, 0, 10) && (address[10] & 0xff) == 0xff && (address[11] & 0xff) == 0xff) {
            return ipv4(Arrays.copyOfRange(address, 12, 16)); // IPv4-mapped
        }
        if (startsWith(address, 0x00, 0x64, 0xff, 0x9b) && isZero(address, 4, 12)) {
            return ipv4(Arrays.copyOfRange(address, 12, 16)); // NAT64, well-known prefix
        }
        int first = address[0] & 0xff;
        if ((first & 0xe0) != 0x20) {
            return Optional.of(ipv6Kind(first, address[1] & 0xff));
        }
        if (startsWith(address, 0x20, 0x01) && (address[2] & 0xfe) == 0) {
            return Optional.of("IETF special-purpose IPv6 (Teredo, benchmarking, ...)");
        }
        if (startsWith(address, 0x20, 0x01, 0x0d, 0xb8)
                || startsWith(address, 0x3f, 0xff) && (address[2] & 0xf0) == 0) {
            return Optional.of("documentation IPv6");
        }
        if (startsWith(address, 0x20, 0x02)) {
            return ipv4(Arrays.copyOfRange(address, 2, 6)); // 6to4
        }
        return Optional.empty();
    }

    private static String ipv6Kind(int first, int second) {
        if (first == 0xff) {
            return "multicast";
        }
        if (first == 0xfe) {
            return (second & 0xc0) == 0x80 ? "link-local" : "site-local or reserved IPv6";
        }
        if ((first & 0xfe) == 0xfc) {
            return "private (unique-local IPv6)";
        }
        return first == 0 ? "unspecified, loopback or IPv4-compatible IPv6" : "reserved IPv6";
    }

    private static Optional<String> ipv4(byte[] address) {
        int a = address[0] & 0xff;
        int b = address[1] & 0xff;
        int c = address[2] & 0xff;
        if (a == 127) {
            return Optional.of("loopback");
        }
        if (a == 10 || a == 172 && b >= 16 && b <= 31 || a == 192 && b == 168) {
            return Optional.of("private");
        }
        if (a == 169 && b == 254) {
            return Optional.of("link-local (cloud metadata)");
        }
        if (a == 100 && b >= 64 && b <= 127) {
            return Optional.of("carrier-grade NAT");
        }
        if (a >= 224) {
            return Optional.of(a < 240 ? "multicast" : "reserved or broadcast");
        }
        boolean reserved = a == 0
                || a == 192 && b == 0 && (c == 0 || c == 2)
                || a == 192 && b == 88 && c == 99
                || a == 198 && (b == 18 || b == 19)
                || a == 198 && b == 51 && c == 100
                || a == 203 && b == 0 && c == 113;
        return reserved ? Optional.of("reserved") : Optional.empty();
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
