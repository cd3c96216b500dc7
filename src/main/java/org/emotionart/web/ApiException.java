package org.emotionart.web;

import java.util.List;

/**
 * A request the server refuses, with the HTTP status and a message that says what was wrong and
 * what is allowed. The server answers it as {@code {"error": message, "status": status}} (plus
 * {@code "allowed"} when there is a list of valid values), never with a stack trace.
 */
final class ApiException extends RuntimeException {
    final int status;
    final List<String> allowed;
    final String retryAfterSeconds;

    ApiException(int status, String message, List<String> allowed, String retryAfterSeconds) {
        super(message);
        this.status = status;
        this.allowed = allowed;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message, null, null);
    }

    static ApiException badRequest(String message, List<String> allowed) {
        return new ApiException(400, message, List.copyOf(allowed), null);
    }

    static ApiException tooLarge(String what, long limit) {
        return new ApiException(413, what + " is larger than the limit of " + Sizes.human(limit) + " (" + limit
                + " bytes)", null, null);
    }

    /** The model is busy or missing: try later, or ask the operator. */
    static ApiException unavailable(String message, Integer retryAfterSeconds) {
        return new ApiException(503, message, null, retryAfterSeconds == null ? null : retryAfterSeconds.toString());
    }
}
