package org.emotionart;

/**
 * A failure the user can understand and act on: a malformed file, a missing bundle, data that does
 * not fit. The message alone must say what was wrong and what is allowed; the command line prints
 * it as one line without a stack trace (exit code 1).
 */
public class EmotionArtException extends RuntimeException {
    public EmotionArtException(String message) {
        super(message);
    }

    public EmotionArtException(String message, Throwable cause) {
        super(message, cause);
    }
}
