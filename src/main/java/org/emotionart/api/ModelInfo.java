package org.emotionart.api;

import java.nio.file.Path;

/**
 * One bundle of a savedmodels folder, as {@code emotion-art models} lists it; {@code problem} says why
 * it cannot be loaded (a missing part, no metadata), or is null when it looks whole.
 */
public record ModelInfo(String name, long version, String kind, String style, String trainedOn, long steps,
                        long bytes, Path path, String problem) {
    /** Whether nothing was found missing. */
    public boolean usable() {
        return problem == null;
    }
}
