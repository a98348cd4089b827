package dev.aigateway.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aigateway.core.internal.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The config file as a JSON tree, with the line each value was written on, so that every later
 * check can say where a mistake is. YAML, or JSON when the name ends with {@code .json}. Duplicate
 * keys, several YAML documents and a top that is not a mapping are mistakes too.
 *
 * @param name the file's name, first in every message
 * @param lines the line of each value by its path ({@code auth.keys[0].name})
 */
record LocatedTree(String name, ObjectNode root, Map<String, Integer> lines) {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Reads {@code text}, the file {@code name} holds. */
    static LocatedTree parse(String name, byte[] text) {
        JsonFactory factory = name.toLowerCase(Locale.ROOT).endsWith(".json") ? Json.MAPPER.getFactory() : YAML;
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ConfigFileException(name, 0, "", "the file is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigFileException(
                        name, line(parser), "", "the file must hold a mapping (lines of key: value) at its top");
            }
            ObjectNode root = (ObjectNode) new Reader(name, parser, lines).value("");
            if (parser.nextToken() != null) {
                throw new ConfigFileException(name, line(parser), "", "the file must hold one document");
            }
            return new LocatedTree(name, root, Map.copyOf(lines));
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            throw new ConfigFileException(
                    name, location == null ? 0 : location.getLineNr(), "", "not valid YAML or JSON: " + problem(e));
        } catch (IOException e) {
            throw new ConfigFileException(
                    name, 0, "", "could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The line of {@code path}, or of the nearest enclosing value that has one; 0 when none does. */
    int line(String path) {
        for (String at = path; ; at = parent(at)) {
            Integer line = lines.get(at);
            if (line != null) {
                return line;
            }
            if (at.isEmpty()) {
                return 0;
            }
        }
    }

    /** A mistake at {@code path}. */
    ConfigFileException error(String path, String problem) {
        return new ConfigFileException(name, line(path), path, problem);
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    /**
     * The parser's reason without what it quotes from the file: YAML's snippet of the line and
     * JSON's quoted token may be a key.
     */
    private static String problem(JsonProcessingException e) {
        String reason = e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked
                ? marked.getProblem()
                : e.getOriginalMessage();
        String firstLine = reason == null ? "" : reason.lines().findFirst().orElse("");
        return firstLine.replaceAll("'[^']*'", "'...'").replaceAll("\"[^\"]*\"", "\"...\"");
    }

    /** Builds the tree from the parser's tokens, noting each value's line. */
    private record Reader(String name, JsonParser parser, Map<String, Integer> lines) {
        JsonNode value(String path) throws IOException {
            lines.putIfAbsent(path, line(parser));
            JsonToken token = parser.currentToken();
            return switch (token) {
                case START_OBJECT -> object(path);
                case START_ARRAY -> array(path);
                case VALUE_STRING -> NODES.textNode(parser.getText());
                case VALUE_NUMBER_INT -> integer();
                case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
                case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(token == JsonToken.VALUE_TRUE);
                case VALUE_NULL -> NODES.nullNode();
                default -> throw new ConfigFileException(name, line(parser), path, "a value of an unsupported kind");
            };
        }

        /** As Jackson's own tree reading types them: int, long, then big. */
        private JsonNode integer() throws IOException {
            return switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
        }

        private ObjectNode object(String path) throws IOException {
            ObjectNode object = NODES.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                String child = path.isEmpty() ? field : path + "." + field;
                if (object.has(field)) {
                    throw new ConfigFileException(name, line(parser), child, "is given twice");
                }
                lines.put(child, line(parser));
                parser.nextToken();
                object.set(field, value(child));
            }
            return object;
        }

        private ArrayNode array(String path) throws IOException {
            ArrayNode array = NODES.arrayNode();
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(value(path + "[" + index++ + "]"));
            }
            return array;
        }
    }
}
