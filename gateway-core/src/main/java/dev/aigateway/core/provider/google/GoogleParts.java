package dev.aigateway.core.provider.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import java.util.Locale;
import java.util.Map;

/**
 * One OpenAI message {@code content} (a string or an array of typed parts) as Gemini {@code parts}:
 * text as {@code {text}}; {@code image_url}, {@code input_audio} and {@code file} as
 * {@code inlineData} ({@code data:} URLs, base64) or {@code fileData} ({@code http(s)://} and
 * {@code gs://} URLs). Empty text is left out, since Gemini rejects empty text parts; part types
 * Gemini has no form for are skipped.
 */
final class GoogleParts {
    private static final String DEFAULT_IMAGE_TYPE = "image/jpeg";
    private static final String DEFAULT_FILE_TYPE = "application/pdf";
    private static final Map<String, String> TYPES_BY_EXTENSION = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("png", "image/png"),
            Map.entry("webp", "image/webp"),
            Map.entry("heic", "image/heic"),
            Map.entry("heif", "image/heif"),
            Map.entry("gif", "image/gif"),
            Map.entry("bmp", "image/bmp"),
            Map.entry("tiff", "image/tiff"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("txt", "text/plain"),
            Map.entry("csv", "text/csv"),
            Map.entry("html", "text/html"),
            Map.entry("md", "text/markdown"),
            Map.entry("mp3", "audio/mp3"),
            Map.entry("wav", "audio/wav"),
            Map.entry("aac", "audio/aac"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("flac", "audio/flac"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("mpeg", "video/mpeg"),
            Map.entry("mov", "video/mov"),
            Map.entry("webm", "video/webm"),
            Map.entry("avi", "video/avi"));

    private GoogleParts() {}

    static ArrayNode of(JsonNode content) {
        ArrayNode parts = Json.array();
        if (content == null || content.isNull()) {
            return parts;
        }
        if (content.isTextual()) {
            addText(content.asText(), parts);
            return parts;
        }
        for (JsonNode part : content) {
            add(part, parts);
        }
        return parts;
    }

    /** The text of a content: the string itself, or its text parts joined by newlines. */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (!content.isArray()) {
            return content.isTextual() ? content.asText() : content.toString();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                text.append(text.isEmpty() ? "" : "\n").append(part.path("text").asText(""));
            }
        }
        return text.toString();
    }

    private static void add(JsonNode part, ArrayNode parts) {
        switch (part.path("type").asText("")) {
            case "text" -> addText(part.path("text").asText(""), parts);
            case "image_url" -> addImage(part.path("image_url"), parts);
            case "input_audio" -> addAudio(part.path("input_audio"), parts);
            case "file" -> addFile(part.path("file"), parts);
            default -> {} // e.g. refusal: nothing Gemini can take
        }
    }

    private static void addText(String text, ArrayNode parts) {
        if (!text.isEmpty()) {
            parts.addObject().put("text", text);
        }
    }

    private static void addImage(JsonNode image, ArrayNode parts) {
        String url = image.isTextual() ? image.asText() : image.path("url").asText("");
        if (!url.isEmpty()) {
            parts.add(media(url, Json.textOrNull(image, "mime_type"), DEFAULT_IMAGE_TYPE));
        }
    }

    private static void addAudio(JsonNode audio, ArrayNode parts) {
        String data = audio.path("data").asText("");
        if (!data.isEmpty()) {
            // Gemini's audio types are audio/<format> for OpenAI's wav and mp3 (and aac, flac, ...).
            String type = "audio/" + audio.path("format").asText("wav").toLowerCase(Locale.ROOT);
            parts.add(inlineData(type, data));
        }
    }

    private static void addFile(JsonNode file, ArrayNode parts) {
        String fallbackType = typeByExtension(file.path("filename").asText(""), DEFAULT_FILE_TYPE);
        String explicitType = Json.textOrNull(file, "mime_type");
        String data = file.path("file_data").asText("");
        String id = file.path("file_id").asText("");
        if (!data.isEmpty()) {
            parts.add(media(data, explicitType, fallbackType));
        } else if (!id.isEmpty()) {
            parts.add(fileData(explicitType != null ? explicitType : typeByExtension(id, fallbackType), id));
        }
    }

    /** A {@code data:} URL, a fetchable URL, or (as Portkey keeps for old clients) bare base64. */
    private static ObjectNode media(String url, String explicitType, String fallbackType) {
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String header = url.substring("data:".length(), Math.max(comma, "data:".length()));
            int semicolon = header.indexOf(';');
            String type = semicolon >= 0 ? header.substring(0, semicolon) : header;
            String chosen = explicitType != null ? explicitType : type.isEmpty() ? fallbackType : type;
            return inlineData(chosen, comma >= 0 ? url.substring(comma + 1) : "");
        }
        if (url.startsWith("https://") || url.startsWith("http://") || url.startsWith("gs://")) {
            return fileData(explicitType != null ? explicitType : typeByExtension(url, fallbackType), url);
        }
        return inlineData(explicitType != null ? explicitType : fallbackType, url);
    }

    private static ObjectNode inlineData(String mimeType, String data) {
        ObjectNode part = Json.object();
        part.putObject("inlineData").put("mimeType", mimeType).put("data", data);
        return part;
    }

    private static ObjectNode fileData(String mimeType, String uri) {
        ObjectNode part = Json.object();
        part.putObject("fileData").put("mimeType", mimeType).put("fileUri", uri);
        return part;
    }

    /** The type for a URL's or file name's extension, ignoring any query or fragment. */
    static String typeByExtension(String url, String fallback) {
        int end = url.length();
        for (char c : new char[] {'?', '#'}) {
            int at = url.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String path = url.substring(0, end);
        int dot = path.lastIndexOf('.');
        if (dot < 0 || dot < path.lastIndexOf('/')) {
            return fallback;
        }
        return TYPES_BY_EXTENSION.getOrDefault(path.substring(dot + 1).toLowerCase(Locale.ROOT), fallback);
    }
}
