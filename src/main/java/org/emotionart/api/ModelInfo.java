package org.emotionart.api;

import java.nio.file.Path;

/** One bundle of a savedmodels folder, as {@code emotion-art models} lists it. */
public record ModelInfo(String name, long version, String kind, String style, String trainedOn, long steps,
                        long bytes, Path path) {
}
