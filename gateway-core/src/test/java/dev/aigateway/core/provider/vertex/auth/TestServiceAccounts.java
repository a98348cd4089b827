package dev.aigateway.core.provider.vertex.auth;

import com.fasterxml.jackson.databind.JsonNode;

/** A service account key file for tests outside this package. */
public final class TestServiceAccounts {
    private static final TestKeys KEYS = TestKeys.create("robot@test-project.iam.gserviceaccount.com");

    private TestServiceAccounts() {}

    public static JsonNode keyFile() {
        return KEYS.json();
    }
}
