package org.emotionart;

/**
 * A path the user gave that names nothing, or the wrong kind of thing (a file where a folder is
 * expected, a classifier where a generator is): the command line is wrong, so the command line
 * reports it as a usage error (exit code 2), as it does a value out of range. What fails while reading
 * or writing what a path does name stays an {@link EmotionArtException} (exit code 1).
 */
public class BadPathException extends EmotionArtException {
    public BadPathException(String message) {
        super(message);
    }
}
