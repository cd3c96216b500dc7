package org.emotionart.data;

import java.nio.file.Path;

/**
 * One image file found under a WikiArt root: its path relative to the root with forward slashes
 * (e.g. {@code landscape/claude-monet+water-lilies.jpg}, the form labels files use), where it is on
 * disk, and the size and modification time that make up the cache fingerprint.
 */
public record SourceImage(String path, Path file, long length, long lastModifiedMillis) {
}
