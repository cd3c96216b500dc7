package org.emotionart.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Only this machine's pages may use the server. Every request must name an allowed {@code Host}
 * (the address the server is bound to, this machine's loopback names, and any {@code --allowed-host}):
 * a page of another site that rebinds its DNS name to 127.0.0.1 cannot read the answers. A request
 * that carries an {@code Origin} must come from the server's own origin: another site's page cannot
 * make it paint, even with a "simple" request that needs no CORS preflight. The POST endpoints take
 * only their own media types (JSON; for classify an image or multipart/form-data) and no
 * {@code Content-Encoding}. Refusals are the app's JSON errors: 403 saying why, or 415.
 */
final class RequestGuard {
    private static final Set<String> POST_ROUTES = Set.of("/api/generate", "/api/walk", "/api/classify");
    private final Set<String> hosts = new LinkedHashSet<>();
    /** Bound to every address (0.0.0.0 or ::): a Host that is an IP address literal is one of them. */
    private final boolean wildcard;

    RequestGuard(String boundHost, List<String> allowedHosts) {
        hosts.add("localhost");
        hosts.add("127.0.0.1");
        hosts.add("::1");
        hosts.add(normal(boundHost));
        allowedHosts.forEach(h -> hosts.add(normal(h)));
        wildcard = boundHost.equals("0.0.0.0") || boundHost.equals("::") || boundHost.equals("[::]");
    }

    void check(Context ctx) {
        String host = hostOf(ctx.header("Host"));
        if (host == null || !allowed(host)) {
            throw new ApiException(403, "this server answers only to the host names it serves ("
                    + String.join(", ", hosts) + "), " + (ctx.header("Host") == null ? "and this request named none (no "
                    + "Host header)" : "not to '" + ctx.header("Host") + "'") + "; start it with "
                    + "--allowed-host NAME to add a name", null, null);
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(origin, ctx)) {
            throw new ApiException(403, "requests from other web sites are refused (Origin " + origin
                    + "); use this server's own page", null, null);
        }
        String route = route(ctx.path());
        if (ctx.method().name().equals("POST") && POST_ROUTES.contains(route)) { // others: 404/405 by routing
            String encoding = ctx.header("Content-Encoding");
            if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
                throw new ApiException(415, "Content-Encoding " + encoding + " is not accepted: send the body "
                        + "uncompressed", null, null);
            }
            String type = mediaType(ctx.header("Content-Type"));
            boolean classify = route.equals("/api/classify");
            boolean ok = classify ? type.startsWith("image/") || type.equals("multipart/form-data")
                    || type.equals("application/octet-stream")
                    : type.equals("application/json");
            if (!ok) {
                throw new ApiException(415, (type.isEmpty() ? "no Content-Type" : "Content-Type " + type)
                        + " is not accepted here: send " + (classify
                        ? "an image (image/jpeg, image/png, image/gif, image/bmp, image/tiff) or multipart/form-data "
                        + "with a field 'image'" : "application/json"), null, null);
            }
        }
    }

    /** The path as routing matches it: without trailing slashes ("/api/generate/" is "/api/generate"). */
    /** Whether {@code path} is one of the POST endpoints (as routing matches it: trailing slashes ignored). */
    static boolean isPostRoute(String path) {
        return POST_ROUTES.contains(route(path));
    }

    static String route(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private boolean allowed(String host) {
        return hosts.contains(host) || (wildcard && isIpLiteral(host));
    }

    /**
     * Whether {@code origin} is the origin the request was sent to: the same host and port as its Host
     * header (a page of another address, even one this server would answer to, is another site). A Host
     * without a port means the scheme's default, as behind a reverse proxy (http 80, https 443).
     */
    private static boolean sameOrigin(String origin, Context ctx) {
        try {
            URI u = URI.create(origin);
            String scheme = u.getScheme();
            if (u.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                return false; // "null" (a sandboxed or file: page) and anything else
            }
            int defaultPort = "https".equals(scheme) ? 443 : 80;
            int originPort = u.getPort() == -1 ? defaultPort : u.getPort();
            String header = ctx.header("Host");
            String host = hostOf(header);
            int hostPort = portOf(header, defaultPort);
            return normal(u.getHost()).equals(host) && originPort == hostPort;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The port of a Host header, or {@code otherwise} when it names none. */
    static int portOf(String header, int otherwise) {
        String h = header.trim();
        int colon = h.lastIndexOf(':');
        if (colon < 0 || (h.startsWith("[") && colon < h.indexOf(']'))) {
            return otherwise;
        }
        try {
            return Integer.parseInt(h.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The host part of a Host header ("127.0.0.1:8080" → "127.0.0.1", "[::1]:80" → "::1"). */
    static String hostOf(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : normal(h.substring(1, end));
        }
        int colon = h.lastIndexOf(':');
        return normal(colon >= 0 ? h.substring(0, colon) : h);
    }

    private static String normal(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** An IPv4 dotted quad or an IPv6 literal; never a name, and never looked up. */
    static boolean isIpLiteral(String host) {
        if (host.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) {
            return true;
        }
        if (!host.contains(":") || !host.matches("[0-9a-f:.]+")) {
            return false; // a name (even "cafe"): not looked up
        }
        try {
            InetAddress.getByName(host); // with a ':' Java parses it as an IPv6 literal, without DNS
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi >= 0 ? contentType.substring(0, semi) : contentType).trim().toLowerCase(Locale.ROOT);
    }
}
