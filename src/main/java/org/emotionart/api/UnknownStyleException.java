package org.emotionart.api;

import java.util.List;
import org.emotionart.EmotionArtException;

/** A style with no generator bundle; the message and {@link #available()} list the styles there are. */
public class UnknownStyleException extends EmotionArtException {
    private final List<String> available;

    public UnknownStyleException(String style, List<String> available, String where) {
        super("no generator for style '" + style + "' in " + where + ": available "
                + (available.isEmpty() ? "none" : String.join(", ", available)));
        this.available = List.copyOf(available);
    }

    public List<String> available() {
        return available;
    }
}
