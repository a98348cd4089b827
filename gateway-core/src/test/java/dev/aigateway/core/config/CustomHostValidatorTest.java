package dev.aigateway.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
