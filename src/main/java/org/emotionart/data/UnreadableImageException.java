package org.emotionart.data;

import java.io.IOException;

/** An image file that cannot be decoded; the message is a one-line reason for the broken-file report. */
public final class UnreadableImageException extends IOException {
    public UnreadableImageException(String reason) {
        super(reason);
    }

    public UnreadableImageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
