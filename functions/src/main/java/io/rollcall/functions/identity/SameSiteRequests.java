package io.rollcall.functions.identity;

import java.net.URI;
import java.util.Locale;

import io.rollcall.functions.http.ApiException;
import io.rollcall.functions.http.ApiRequest;

/**
 * The check of every route a cookie authenticates (refresh, sign-out): the request must come from a page of this
 * very origin. The cookie is SameSite=Strict already; this refuses what a browser that ignores SameSite, or a
 * same-site but other-origin page, would send. Browsers set Origin on every POST and Sec-Fetch-Site on every fetch.
 */
final class SameSiteRequests {

    /** Set by CloudFront (template.yaml, ConsoleViewerHost) to the host the browser used; API Gateway sees its own. */
    static final String VIEWER_HOST = "x-rollcall-viewer-host";

    private SameSiteRequests() {
    }

    static void require(ApiRequest request) {
        String site = request.header("sec-fetch-site").orElse(null);
        if (site != null && !site.equalsIgnoreCase("same-origin")) {
            throw cross("the request comes from another site (Sec-Fetch-Site: " + site + ")");
        }
        String origin = request.header("origin").orElseThrow(() -> cross("an Origin header is required"));
        String host = request.header(VIEWER_HOST).or(() -> request.header("host")).orElse("");
        String originHost;
        try {
            originHost = URI.create(origin.trim()).getRawAuthority();
        } catch (IllegalArgumentException e) {
            throw cross("the Origin header is not a URL");
        }
        if (originHost == null || !originHost.toLowerCase(Locale.ROOT).equals(host.trim().toLowerCase(Locale.ROOT))) {
            throw cross("the request comes from another origin (" + origin + ")");
        }
    }

    private static ApiException cross(String message) {
        return new ApiException(403, "cross_site", message);
    }
}
