package dev.aigateway.core.provider.vertex;

import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.PercentEncoding;
import dev.aigateway.core.provider.ProviderOptions;
import dev.aigateway.core.provider.vertex.auth.GoogleAuth;
import java.util.regex.Pattern;

/**
 * Where a Vertex AI call goes: the region's host ({@code https://<region>-aiplatform.googleapis.com},
 * or {@code https://aiplatform.googleapis.com} for {@code global}) and the project and location
 * the path names. Both come from caller input, so both are checked: the region becomes part of a
 * host name and must be a region name (lowercase letters, digits, hyphens); the project id must be
 * one of Google's forms (ids, numbers, {@code domain:id}) and is percent-encoded in the path.
 */
record VertexLocation(String project, String region) {
    static final String GLOBAL = "global";
    private static final Pattern REGION = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:_-]{0,127}");

    /**
     * The region from {@code vertex_region}, required; 400 naming it when missing or not a region
     * name.
     */
    static String region(ProviderOptions options) {
        String region = options.field("vertexRegion")
                .map(String::strip)
                .filter(r -> !r.isEmpty())
                .orElseThrow(() -> GatewayException.badRequest(
                        "vertex-ai needs a region: set vertex_region in the config or the x-portkey-vertex-region"
                                + " header (e.g. us-central1, europe-west4 or global)"));
        if (!REGION.matcher(region).matches()) {
            throw GatewayException.badRequest(
                    "Invalid vertex_region: it must be a region name such as us-central1 or global");
        }
        return region;
    }

    /**
     * The project: {@code vertex_project_id}, else the one the credential names (a service account
     * key's {@code project_id}, the ADC project); 400 when there is none or it is not a project id.
     */
    static String project(ProviderOptions options, GoogleAuth.Credential credential) {
        String project = options.field("vertexProjectId")
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .or(credential::projectId)
                .orElseThrow(() -> GatewayException.badRequest(
                        "vertex-ai needs a project: set vertex_project_id in the config or the"
                                + " x-portkey-vertex-project-id header"));
        if (!PROJECT.matcher(project).matches() || PercentEncoding.isDotSegment(project)) {
            throw GatewayException.badRequest("Invalid vertex_project_id: it must be a Google Cloud project id");
        }
        return project;
    }

    static String baseUrl(String region) {
        return region.equals(GLOBAL)
                ? "https://aiplatform.googleapis.com"
                : "https://" + region + "-aiplatform.googleapis.com";
    }

    /** {@code /v1/projects/<project>/locations/<region>}. */
    String pathPrefix() {
        return "/v1/projects/" + PercentEncoding.encode(project) + "/locations/" + region;
    }
}
