package dev.aigateway.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;

/**
 * Replaces {@code ${NAME}} in the config file's text values with the environment variable
 * {@code NAME}; {@code ${NAME:-fallback}} uses {@code fallback} when it is unset or empty, and
 * {@code $${} writes a literal {@code ${}. A variable that is unset or empty, with no fallback, is
 * a mistake naming it, never an empty key. Works on the parsed tree, so a value from the
 * environment is text whatever characters it holds, and never changes the file's structure.
 * Keys of mappings are left as written.
 */
final class EnvSubstitution {
    private EnvSubstitution() {}

    /** {@code tree}'s root with every text value substituted, in place. */
    static void apply(LocatedTree tree, Map<String, String> env) {
        substitute(tree.root(), "", tree, env);
    }

    private static void substitute(JsonNode node, String path, LocatedTree tree, Map<String, String> env) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(text(field.getValue().textValue(), child, tree, env)));
                } else {
                    substitute(field.getValue(), child, tree, env);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String child = path + "[" + i + "]";
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(text(array.get(i).textValue(), child, tree, env)));
                } else {
                    substitute(array.get(i), child, tree, env);
                }
            }
        }
    }

    /** {@code value} with its references replaced. */
    static String text(String value, String path, LocatedTree tree, Map<String, String> env) {
        if (value.indexOf('$') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            if (value.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (value.startsWith("${", i)) {
                int end = value.indexOf('}', i + 2);
                if (end < 0) {
                    throw tree.error(path, "a ${ without its closing }");
                }
                out.append(resolve(value.substring(i + 2, end), path, tree, env));
                i = end + 1;
            } else {
                out.append(value.charAt(i++));
            }
        }
        return out.toString();
    }

    private static String resolve(String reference, String path, LocatedTree tree, Map<String, String> env) {
        int fallbackAt = reference.indexOf(":-");
        String name = fallbackAt < 0 ? reference : reference.substring(0, fallbackAt);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw tree.error(
                    path,
                    "${...} must name an environment variable (letters, digits and _, not starting with a digit)");
        }
        String value = env.get(name);
        if (value != null && !value.isEmpty()) {
            return value;
        }
        if (fallbackAt >= 0) {
            return reference.substring(fallbackAt + 2);
        }
        throw tree.error(
                path,
                "the environment variable " + name + " is " + (value == null ? "not set" : "empty") + " (write ${"
                        + name + ":-fallback} for a fallback)");
    }
}
