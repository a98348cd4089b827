package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code default.containsCode}: whether the text has a fenced code block in {@code format} (e.g.
 * {@code Python}), naming languages from the fence's tag as Portkey does ({@code py} is Python).
 */
final class ContainsCode implements Check {
    private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n[\\s\\S]*?\\n```");
    private static final Map<String, String> LANGUAGES = Map.ofEntries(
            Map.entry("sql", "SQL"),
            Map.entry("py", "Python"),
            Map.entry("python", "Python"),
            Map.entry("gyp", "Python"),
            Map.entry("ts", "TypeScript"),
            Map.entry("tsx", "TypeScript"),
            Map.entry("typescript", "TypeScript"),
            Map.entry("js", "JavaScript"),
            Map.entry("jsx", "JavaScript"),
            Map.entry("javascript", "JavaScript"),
            Map.entry("java", "Java"),
            Map.entry("cs", "C#"),
            Map.entry("cpp", "C++"),
            Map.entry("c", "C"),
            Map.entry("rb", "Ruby"),
            Map.entry("php", "PHP"),
            Map.entry("swift", "Swift"),
            Map.entry("kt", "Kotlin"),
            Map.entry("go", "Go"),
            Map.entry("rs", "Rust"),
            Map.entry("scala", "Scala"),
            Map.entry("r", "R"),
            Map.entry("pl", "Perl"),
            Map.entry("sh", "Shell"),
            Map.entry("html", "HTML"),
            Map.entry("css", "CSS"),
            Map.entry("xml", "XML"),
            Map.entry("json", "JSON"),
            Map.entry("yml", "YAML"),
            Map.entry("md", "Markdown"),
            Map.entry("dockerfile", "Dockerfile"));

    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        String text = ContentPart.of(context).text();
        boolean not = Params.flag(parameters, "not");
        String format = Params.truthy(parameters.get("format"))
                ? parameters.get("format").asText()
                : "";
        String problem = format.isEmpty()
                ? "Missing required parameter: format"
                : text.isEmpty() ? "No text content to analyze" : null;
        if (problem != null) {
            ObjectNode data = Json.object();
            data.put("explanation", "Error while checking for code blocks: " + problem);
            data.set("searchedFormat", parameters.get("format"));
            data.put("not", not);
            data.put("textExcerpt", Excerpt.orNone(text));
            return CheckOutcome.failed(false, CheckError.of(problem), data);
        }
        List<String> found = new ArrayList<>();
        Matcher blocks = BLOCK.matcher(text);
        while (blocks.find()) {
            String tag = blocks.group(1).toLowerCase(Locale.ROOT);
            found.add(LANGUAGES.getOrDefault(tag, tag));
        }
        ObjectNode data = Json.object();
        if (found.isEmpty()) {
            data.put("explanation", "No code blocks found in the text");
            data.put("searchedFormat", format);
            data.put("not", not);
            data.putArray("foundFormats");
            data.put("textExcerpt", Excerpt.of(text));
            return CheckOutcome.of(not, data);
        }
        boolean has = found.contains(format);
        boolean verdict = not != has;
        data.put(
                "explanation",
                verdict
                        ? not
                                ? "No code blocks in " + format + " format found as expected"
                                : "Found code block(s) in " + format + " format"
                        : not
                                ? "Found code block(s) in " + format + " format when none were expected"
                                : "No code blocks in " + format + " format found");
        data.put("searchedFormat", format);
        data.put("not", not);
        ArrayNode formats = data.putArray("foundFormats");
        found.forEach(formats::add);
        data.put("textExcerpt", Excerpt.of(text));
        return CheckOutcome.of(verdict, data);
    }
}
