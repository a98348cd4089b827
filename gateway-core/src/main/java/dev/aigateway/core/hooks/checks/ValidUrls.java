package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.upstream.CalloutClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code default.validUrls}: whether every http(s) URL in the text answers a HEAD request with a
 * 2xx within 3 s, or, with {@code onlyDNS}, whether its host resolves (with the gateway's resolver
 * rather than Portkey's DNS-over-HTTPS). The requests follow the custom-host rules: a URL at a
 * private or loopback address counts as invalid. At most {@value #MAX_URLS} URLs are checked.
 */
final class ValidUrls implements Check {
    static final int MAX_URLS = 20;
    private static final Pattern URL = Pattern.compile("https?://[^\\s,\"'{}\\[\\]]+");
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final CalloutClient http;
    private final Executor executor;

    ValidUrls(CalloutClient http, Executor executor) {
        this.http = http;
        this.executor = executor;
    }

    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        String text = ContentPart.of(context).text();
        boolean not = Params.flag(parameters, "not");
        boolean onlyDns = Params.flag(parameters, "onlyDNS");
        String method = onlyDns ? "DNS lookup" : "HTTP request";
        if (text.isEmpty()) {
            ObjectNode data = Json.object();
            data.put("explanation", "An error occurred while validating URLs: Missing text to analyze");
            data.put("validationMethod", method);
            data.put("not", not);
            data.put("textExcerpt", "No text available");
            return CheckOutcome.failed(false, CheckError.of("Missing text to analyze"), data);
        }
        List<String> urls = new ArrayList<>();
        Matcher found = URL.matcher(text);
        while (found.find() && urls.size() < MAX_URLS) {
            urls.add(found.group());
        }
        if (urls.isEmpty()) {
            ObjectNode data = Json.object();
            data.put("explanation", "No URLs found in the text.");
            data.putArray("urls");
            data.put("validationMethod", method);
            data.put("not", not);
            data.put("textExcerpt", Excerpt.of(text));
            return CheckOutcome.of(false, data);
        }
        List<CompletableFuture<Boolean>> checks = urls.stream()
                .map(url -> CompletableFuture.supplyAsync(() -> onlyDns ? resolves(url) : answers(url), executor))
                .toList();
        List<String> valid = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            (checks.get(i).join() ? valid : invalid).add(urls.get(i));
        }
        boolean allValid = invalid.isEmpty();
        boolean verdict = not != allValid;
        ObjectNode data = Json.object();
        data.put("verdict", verdict);
        data.put("not", not);
        data.put(
                "explanation",
                verdict
                        ? not
                                ? "All URLs are invalid as expected (" + invalid.size() + " of " + urls.size() + ")."
                                : "All URLs are valid (" + valid.size() + " found)."
                        : not
                                ? "Some URLs are valid when they should all be invalid (" + valid.size() + " of "
                                        + urls.size() + ")."
                                : "Some URLs are invalid (" + invalid.size() + " of " + urls.size() + " failed).");
        ArrayNode validArray = data.putArray("validUrls");
        valid.forEach(validArray::add);
        ArrayNode invalidArray = data.putArray("invalidUrls");
        invalid.forEach(invalidArray::add);
        data.put("validationMethod", method);
        data.put("textExcerpt", Excerpt.of(text));
        return CheckOutcome.of(verdict, data);
    }

    private boolean answers(String url) {
        try {
            return http.head(url, Headers.of("user-agent", "URLValidator/1.0"), TIMEOUT)
                    .isSuccessful();
        } catch (Exception e) {
            return false;
        }
    }

    private boolean resolves(String url) {
        try {
            String host = URI.create(url).getHost();
            return host != null && http.resolves(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
