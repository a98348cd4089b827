package dev.aigateway.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** For the tests: a top-level field as the scan finds it, then parsed; as the parser finds it when the scan is unsure. */
final class ScannedField {
    private ScannedField() {}

    static JsonNode read(byte[] body, String name) {
        long span = TopLevelScan.valueSpan(body, name);
        if (span == TopLevelScan.NOT_FOUND) {
            return MissingNode.getInstance();
        }
        if (span == TopLevelScan.UNSURE) {
            return TopLevelField.parse(body, name);
        }
        return TopLevelField.valueAt(body, TopLevelScan.start(span), TopLevelScan.end(span));
    }
}
