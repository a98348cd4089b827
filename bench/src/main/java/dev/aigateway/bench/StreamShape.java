package dev.aigateway.bench;

/** How a fake stream looks: how many content chunks, and how far apart after the first. */
public record StreamShape(int chunks, long delayMillis) {
    public StreamShape {
        if (chunks < 1 || delayMillis < 0) {
            throw new IllegalArgumentException("a stream needs at least one chunk and a delay of 0 or more");
        }
    }

    /** The shape a {@code /s/<chunks>/<delayMillis>/...} path asks for, or {@code defaults}; null if malformed. */
    static StreamShape fromPath(String path, StreamShape defaults) {
        if (!path.startsWith("/s/")) {
            return defaults;
        }
        String[] parts = path.split("/", 5);
        if (parts.length < 4) {
            return null;
        }
        try {
            return new StreamShape(Integer.parseInt(parts[2]), Long.parseLong(parts[3]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
