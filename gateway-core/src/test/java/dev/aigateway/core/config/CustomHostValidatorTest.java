package dev.aigateway.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CustomHostValidatorTest {
    private final CustomHostValidator validator = CustomHostValidator.create(Optional.of("llm.corp.example, 10.1.2.3"));

    @ParameterizedTest(name = "{0} allowed={1}")
    @CsvSource({
        "https://api.example.com/v1, true",
        "http://localhost:11434, true",
        "http://127.0.0.1:8000/v1, true",
        "http://[::1]:8000/v1, true",
        "http://host.docker.internal:8000, true",
        "http://vllm.localhost:8000, true",
        "http://llm.corp.example/v1, true",
        "http://10.1.2.3:8000/v1, true",
        "http://8.8.8.8/v1, true",
        "http://10.0.0.5/v1, false",
        "http://192.168.1.10/v1, false",
        "http://172.16.0.1/v1, false",
        "http://100.64.0.1/v1, false",
        "http://169.254.169.254/latest, false",
        "http://metadata.google.internal/x, false",
        "http://0.0.0.0:80, false",
        "http://2130706433/, false",
        "http://0x7f000001/, false",
        "http://0177.0.0.1/, false",
        "http://127.1/, false",
        "http://[fd00::1]/, false",
        "http://[fe80::1]/, false",
        "http://[::ffff:10.0.0.1]/, false",
        "http://printer.local/, false",
        "http://service.internal/, false",
        "ftp://example.com/, false",
        "file:///etc/passwd, false",
        "http://user:pass@example.com/, false",
        "https://api.portkey.ai/v1, false",
        "'', false",
    })
    void appliesTheSsrfRules(String host, boolean allowed) {
        assertEquals(allowed, validator.problem(host).isEmpty(), () -> host + ": " + validator.problem(host));
    }

    /** Blocked addresses in their IPv6 spellings: the guard decides on the parsed address. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "http://[::ffff:a9fe:a9fe]/latest", // IPv4-mapped 169.254.169.254 (metadata)
                "http://[0:0:0:0:0:ffff:169.254.169.254]/latest",
                "http://[::ffff:169.254.169.254]/",
                "http://[::FFFF:A9FE:A9FE]/",
                "http://[::ffff:a00:1]/", // 10.0.0.1
                "http://[::ffff:7f00:1]:8000/", // 127.0.0.1, dialled as IPv4
                "http://[::ffff:127.0.0.1]/",
                "http://[::ffff:0:a9fe:a9fe]/", // IPv4-translated
                "http://[::a9fe:a9fe]/", // IPv4-compatible
                "http://[::127.0.0.1]/",
                "http://[64:ff9b::a9fe:a9fe]/", // NAT64
                "http://[64:ff9b::10.0.0.1]/",
                "http://[64:ff9b:1::a00:1]/", // local-use NAT64
                "http://[2002:a9fe:a9fe::1]/", // 6to4 of 169.254.169.254
                "http://[2002:c0a8:101::]/", // 6to4 of 192.168.1.1
                "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", // Teredo
                "http://[fe80::1]/",
                "http://[fe90::1]/",
                "http://[febf::1]/",
                "http://[fec0::1]/",
                "http://[feff::1]/",
                "http://[fc00::1]/",
                "http://[fdff:ffff::1]/",
                "http://[fd00:ec2::254]/", // AWS metadata over IPv6
                "http://[ff02::1]/",
                "http://[ff0e::1]/",
                "http://[0:0:0:0:0:0:0:0]/",
                "http://[::]/",
                "http://[0:0:0:0:0:0:0:1]/",
                "http://[0::1]/",
                "http://[100::1]/", // discard-only
                "http://[2001:db8::1]/", // documentation
                "http://[3fff::1]/", // documentation
                "http://[2001:2::1]/", // benchmarking
                "http://[fe80::1%25eth0]/", // zone ids
                "http://[::g]/",
                "http://[1:2:3:4:5:6:7:8:9]/",
                "http://[1::2::3]/",
            })
    void refusesBlockedIpv6Spellings(String host) {
        assertTrue(validator.problem(host).isPresent(), host + " must be refused");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "http://192.0.0.1/",
                "http://192.0.2.1/",
                "http://198.18.0.1/",
                "http://198.19.255.255/",
                "http://198.51.100.7/",
                "http://203.0.113.9/",
                "http://224.0.0.1/",
                "http://239.255.255.250/",
                "http://240.0.0.1/",
                "http://255.255.255.255/",
                "http://0.1.2.3/",
                "http://100.127.255.255/",
                "http://172.31.255.255/",
                "http://169.254.0.1/",
                "http://127.0.0.2/",
                "http://127.000.000.001/",
                "http://0x7f.0.0.1/",
                "http://0/",
                "http://4294967295/",
            })
    void refusesReservedIpv4Ranges(String host) {
        assertTrue(validator.problem(host).isPresent(), host + " must be refused");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "http://[2606:4700:4700::1111]/v1",
                "http://[2a00:1450:4001:82a::200e]/",
                "http://[::ffff:8.8.8.8]/",
                "http://[64:ff9b::808:808]/",
                "http://[2002:808:808::1]/",
                "http://172.32.0.1/",
                "http://100.128.0.1/",
                "http://198.20.0.1/",
                "http://1.1.1.1/",
            })
    void allowsPublicAddressesInEverySpelling(String host) {
        assertTrue(validator.problem(host).isEmpty(), () -> host + ": " + validator.problem(host));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://api.example.com/v1?x=1", "http://api.example.com/v1#", "http://localhost:8000/#x"})
    void refusesAQueryOrAFragmentSinceTheEndpointPathIsAppended(String host) {
        assertTrue(validator.problem(host).isPresent(), host + " must be refused");
    }

    @Test
    void trustIsGivenToTheSpellingsListedOnly() {
        assertTrue(validator.problem("http://[::1]:8000").isEmpty());
        assertTrue(validator.problem("http://127.0.0.1:8000").isEmpty());
        assertTrue(validator.problem("http://10.1.2.3:8000").isEmpty(), "listed by the operator");
        assertTrue(validator.problem("http://[::ffff:10.1.2.3]:8000").isPresent(), "another spelling of it");
        assertTrue(validator.problem("http://[0:0:0:0:0:0:0:1]:8000").isPresent());
        assertTrue(validator.problem("http://127.0.0.2:8000").isPresent());
        assertTrue(validator.trusts("llm.corp.example"));
        assertTrue(validator.trusts("vllm.localhost"));
        assertTrue(validator.trusts("LOCALHOST"));
        assertFalse(validator.trusts("evil.example"));
        assertFalse(CustomHostValidator.create(Optional.empty()).trusts("llm.corp.example"));
    }

    @Test
    void readsTheOperatorListFromTheEnvironmentVariableName() {
        assertEquals("TRUSTED_CUSTOM_HOSTS", CustomHostValidator.TRUSTED_HOSTS_VARIABLE);
        CustomHostValidator listed = CustomHostValidator.create(List.of(" GPU-box.example ", "", "10.9.9.9"));
        assertTrue(listed.trusts("gpu-box.example"));
        assertTrue(listed.problem("http://10.9.9.9:8000/v1").isEmpty());
    }
}
