package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.hooks.HookEvent;
import dev.aigateway.core.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code default.regexReplace}: replaces what {@code rule} matches with {@code redactText}
 * ({@code [REDACTED]} by default) in the request or the answer. {@code rule} may be written
 * {@code /pattern/flags}: {@code g} replaces every match (else the first), {@code i}, {@code m}
 * and {@code s} are the usual flags. With {@code failOnDetection}, a match also fails the check.
 */
final class RegexReplace implements Check {
    private static final Pattern LITERAL = Pattern.compile("^/(.+?)/([gimsuyd]*)$", Pattern.DOTALL);

    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        JsonNode rule = parameters.get("rule");
        String redact = Params.truthy(parameters.get("redactText"))
                ? parameters.get("redactText").asText()
                : "[REDACTED]";
        boolean failOnDetection = Params.flag(parameters, "failOnDetection");
        try {
            ContentPart part = ContentPart.of(context);
            if (!Params.truthy(rule)) {
                throw new IllegalArgumentException("Missing regex pattern");
            }
            if (!part.present()) {
                throw new IllegalArgumentException("Missing text to match");
            }
            String source = rule.asText();
            Matcher literal = LITERAL.matcher(source);
            String body = source;
            String flags = "";
            if (literal.matches()) {
                body = literal.group(1);
                flags = literal.group(2);
            }
            Pattern pattern = BoundedRegex.compile(body, javaFlags(flags));
            boolean global = flags.contains("g");
            boolean found = false;
            List<String> replaced = new ArrayList<>();
            for (String text : part.texts()) {
                if (text == null || text.isEmpty()) {
                    replaced.add(null);
                    continue;
                }
                Matcher matcher = BoundedRegex.matcher(pattern, text);
                if (matcher.find()) {
                    found = true;
                    matcher.reset();
                    String quoted = Matcher.quoteReplacement(redact);
                    replaced.add(global ? matcher.replaceAll(quoted) : matcher.replaceFirst(quoted));
                } else {
                    replaced.add(text);
                }
            }
            Optional<ObjectNode> rewritten = found ? ContentPart.rewrite(context, replaced) : Optional.empty();
            boolean verdict = !(failOnDetection && found);
            ObjectNode data = Json.object();
            data.put("regexPattern", source);
            data.put("verdict", verdict);
            data.put(
                    "explanation",
                    found
                            ? "Pattern '" + source + "' matched and was replaced with '" + redact + "'"
                            : "The regex pattern '" + source + "' did not match any text.");
            CheckOutcome outcome = CheckOutcome.of(verdict, data);
            if (rewritten.isPresent()) {
                outcome = context.event() == HookEvent.BEFORE_REQUEST
                        ? outcome.withRequest(rewritten.get())
                        : outcome.withResponse(rewritten.get());
            }
            return outcome.markedTransformed(found);
        } catch (RuntimeException e) {
            ObjectNode data = Json.object();
            data.put("explanation", "An error occurred while processing the regex: " + e.getMessage());
            data.set("regexPattern", rule);
            return CheckOutcome.failed(true, CheckError.of(e.getMessage()), data);
        }
    }

    private static int javaFlags(String flags) {
        int out = 0;
        if (flags.contains("i")) {
            out |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        if (flags.contains("m")) {
            out |= Pattern.MULTILINE;
        }
        if (flags.contains("s")) {
            out |= Pattern.DOTALL;
        }
        return out;
    }
}
