package org.emotionart.api;

import org.emotionart.EmotionArtException;

/** A folder that is not a usable bundle: missing, not a SavedModel, or a bundle of the wrong kind. */
public class BundleException extends EmotionArtException {
    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
