package dev.aigateway.core.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.config.CustomHostValidator;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.internal.net.IpLiteral;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The connect-time address guard with a fake resolver: no real DNS, no traffic. A name that is not
 * trusted must resolve to public addresses only; trusted names resolve unchecked; IP literals are
 * judged as the address OkHttp would dial.
 */
class UpstreamAddressGuardTest {
    private static final CustomHostValidator TRUSTED =
            CustomHostValidator.create(List.of("llm.corp.example", "10.1.2.3"));

    private final List<String> asked = new ArrayList<>();

    /** Resolves {@code name} to {@code address} (a literal, or a mapped IPv6 kept as IPv6). */
    private UpstreamAddressGuard resolving(String name, String... addresses) {
        Dns resolver = hostname -> {
            asked.add(hostname);
            if (!hostname.equals(name)) {
                throw new UnknownHostException(hostname);
            }
            List<InetAddress> result = new ArrayList<>();
            for (String address : addresses) {
                byte[] bytes = IpLiteral.parse(address).orElseThrow();
                result.add(
                        bytes.length == 16
                                ? Inet6Address.getByAddress(hostname, bytes, -1)
                                : InetAddress.getByAddress(hostname, bytes));
            }
            return result;
        };
        return new UpstreamAddressGuard(TRUSTED, resolver);
    }

    @ParameterizedTest(name = "evil.example -> {0}")
    @ValueSource(
            strings = {
                "169.254.169.254",
                "10.0.0.1",
                "127.0.0.1",
                "::ffff:127.0.0.1",
                "::ffff:169.254.169.254",
                "::1",
                "::",
                "0.0.0.0",
                "100.64.0.1",
                "192.168.1.1",
                "172.16.0.1",
                "fd00:ec2::254",
                "fe80::1",
                "fec0::1",
                "64:ff9b::a9fe:a9fe",
                "2002:a00:1::1",
                "ff02::1",
                "224.0.0.1",
                "255.255.255.255",
            })
    void aNameThatResolvesToABlockedAddressIsRefused(String address) {
        UpstreamAddressGuard guard = resolving("evil.example", address);

        UnknownHostException refused = assertThrows(UnknownHostException.class, () -> guard.lookup("evil.example"));

        assertTrue(refused instanceof UpstreamAddressGuard.BlockedAddressException, refused.toString());
        assertTrue(refused.getMessage().contains("evil.example"), refused.getMessage());
        assertFalse(refused.getMessage().contains(address), "the address is not given away: " + refused.getMessage());
    }

    @Test
    void oneBlockedAddressAmongPublicOnesRefusesTheName() {
        UpstreamAddressGuard guard = resolving("evil.example", "8.8.8.8", "2606:4700::1111", "10.0.0.1");

        assertThrows(UpstreamAddressGuard.BlockedAddressException.class, () -> guard.lookup("evil.example"));
    }

    @Test
    void aProviderHostPoisonedToAPrivateAddressIsRefused() {
        UpstreamAddressGuard guard = resolving("api.openai.com", "10.0.0.1");

        assertThrows(UpstreamAddressGuard.BlockedAddressException.class, () -> guard.lookup("api.openai.com"));
    }

    @Test
    void publicAddressesPassUnchanged() throws Exception {
        UpstreamAddressGuard guard = resolving("api.openai.com", "162.159.140.245", "2606:4700::6812:1");

        List<InetAddress> addresses = guard.lookup("api.openai.com");

        assertEquals(2, addresses.size());
        assertEquals("162.159.140.245", addresses.get(0).getHostAddress());
    }

    @Test
    void anAddressTrustedAsALiteralIsNotTrustedBehindAnotherName() {
        UpstreamAddressGuard guard = resolving("alias.example", "10.1.2.3");

        assertThrows(UpstreamAddressGuard.BlockedAddressException.class, () -> guard.lookup("alias.example"));
    }

    @Test
    void trustedNamesResolveUnchecked() throws Exception {
        Map<String, String> trusted = Map.of(
                "localhost", "127.0.0.1",
                "vllm.localhost", "::1",
                "host.docker.internal", "172.17.0.1",
                "llm.corp.example", "10.0.0.7",
                "LLM.corp.example", "10.0.0.7");
        for (Map.Entry<String, String> entry : trusted.entrySet()) {
            List<InetAddress> addresses =
                    resolving(entry.getKey(), entry.getValue()).lookup(entry.getKey());
            assertEquals(1, addresses.size(), entry.getKey());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "http://10.0.0.1/v1",
                "http://[::ffff:a9fe:a9fe]/latest",
                "http://[0:0:0:0:0:ffff:169.254.169.254]/",
                "http://[::ffff:7f00:2]:8000/",
                "http://[fd00::1]/",
                "http://[fe90::1]/",
                "http://[64:ff9b::a00:1]/",
                "http://[::a9fe:a9fe]/",
                "http://0.0.0.0:8000/",
            })
    void blockedIpLiteralsAreRefusedBeforeAnyLookup(String url) {
        UpstreamAddressGuard guard = resolving("unused.example");

        GatewayException refused = assertThrows(GatewayException.class, () -> guard.checkLiteral(HttpUrl.get(url)));

        assertEquals(502, refused.status());
        assertTrue(asked.isEmpty(), "no lookup for a literal");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "http://127.0.0.1:8000/",
                "http://[::1]:8000/",
                "http://10.1.2.3:8000/",
                "http://8.8.8.8/",
                "http://[2606:4700::1111]/",
                "http://evil.example/"
            })
    void trustedAndPublicLiteralsAndNamesPassTheLiteralCheck(String url) {
        resolving("unused.example").checkLiteral(HttpUrl.get(url));
    }
}
