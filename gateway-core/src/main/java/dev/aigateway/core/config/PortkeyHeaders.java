package dev.aigateway.core.config;

/** The {@code x-portkey-*} header names the gateway reads and writes. */
public final class PortkeyHeaders {
    public static final String PREFIX = "x-portkey-";

    public static final String PROVIDER = "x-portkey-provider";
    public static final String CONFIG = "x-portkey-config";
    public static final String CUSTOM_HOST = "x-portkey-custom-host";
    public static final String FORWARD_HEADERS = "x-portkey-forward-headers";
    public static final String REQUEST_TIMEOUT = "x-portkey-request-timeout";
    public static final String TRACE_ID = "x-portkey-trace-id";
    public static final String METADATA = "x-portkey-metadata";
    public static final String STRICT_OPEN_AI_COMPLIANCE = "x-portkey-strict-open-ai-compliance";
    public static final String DEFAULT_INPUT_GUARDRAILS = "x-portkey-default-input-guardrails";
    public static final String DEFAULT_OUTPUT_GUARDRAILS = "x-portkey-default-output-guardrails";

    public static final String LAST_USED_OPTION_INDEX = "x-portkey-last-used-option-index";
    public static final String RETRY_ATTEMPT_COUNT = "x-portkey-retry-attempt-count";
    public static final String CACHE_STATUS = "x-portkey-cache-status";
    public static final String GATEWAY_EXCEPTION = "x-portkey-gateway-exception";

    private PortkeyHeaders() {}
}
