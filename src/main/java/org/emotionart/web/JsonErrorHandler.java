package org.emotionart.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, before a request reaches the app (a path it cannot decode: 400,
 * a URL too long: 414, headers too large: 431), as the app's JSON error instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        int status = response.getStatus();
        Object reason = request.getAttribute(ERROR_MESSAGE);
        String message = switch (status) {
            case 400 -> "bad request" + (reason == null || reason.toString().equalsIgnoreCase("Bad Request") ? ""
                    : ": " + reason) + ": the URL or a header cannot be read (check the URL's %-encoding)";
            case 414 -> "the URL is too long (at most 8 KiB)";
            case 431 -> "the request headers are too large (at most 8 KiB)";
            default -> "HTTP " + status + " " + org.eclipse.jetty.http.HttpStatus.getMessage(status);
        };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }
}
