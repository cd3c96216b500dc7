package org.emotionart.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.emotionart.EmotionArtException;

/**
 * A WikiArt data root in the Kaggle layout: one folder per style ({@code abstract/},
 * {@code landscape/}, ... any folder name is a style), each holding image files named like
 * {@code artist-slug+painting-slug.jpg}.
 *
 * <p>Images are the files directly inside a style folder whose name ends in {@code .jpg},
 * {@code .jpeg} or {@code .png} (any case); sub-folders of style folders are not searched. Names
 * starting with a dot are ignored everywhere: hidden folders such as the preprocessing cache
 * {@code .emotion-art-cache/}, and files such as macOS {@code ._x.jpg} resource forks. Styles and
 * images are sorted by name (Java string order, the same on every platform), so every listing is
 * deterministic.
 */
public final class WikiArtFolder {
    private static final String LAYOUT_HINT = "a WikiArt root holds one folder per style, e.g. landscape/*.jpg";

    private final Path root;
    private final List<String> styles;

    private WikiArtFolder(Path root, List<String> styles) {
        this.root = root;
        this.styles = styles;
    }

    /**
     * Opens a data root and lists its style folders.
     *
     * @throws EmotionArtException if {@code root} does not exist, is not a folder, or holds no style
     *     folder
     */
    public static WikiArtFolder open(Path root) {
        if (!Files.exists(root)) {
            throw new org.emotionart.BadPathException("data folder not found: " + root + " (" + LAYOUT_HINT + ")");
        }
        if (!Files.isDirectory(root)) {
            throw new org.emotionart.BadPathException("not a folder: " + root + " (" + LAYOUT_HINT + ")");
        }
        List<String> styles = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            children.filter(p -> !hidden(p) && Files.isDirectory(p))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .forEach(styles::add);
        } catch (IOException e) {
            throw new EmotionArtException("cannot list data folder " + root + ": " + e.getMessage(), e);
        }
        if (styles.isEmpty()) {
            throw new EmotionArtException("no style folders in " + root + " (" + LAYOUT_HINT + ")");
        }
        return new WikiArtFolder(root, List.copyOf(styles));
    }

    /** The data root as given. */
    public Path root() {
        return root;
    }

    /** Style folder names, sorted. */
    public List<String> styles() {
        return styles;
    }

    public boolean hasStyle(String style) {
        return styles.contains(style);
    }

    /** The folder of one style. */
    public Path styleDir(String style) {
        return root.resolve(style);
    }

    /**
     * The image files of one style, sorted by file name.
     *
     * @throws EmotionArtException if there is no such style folder (the message lists the styles
     *     found) or it cannot be listed
     */
    public List<SourceImage> images(String style) {
        requireStyle(style);
        Path dir = styleDir(style);
        List<SourceImage> images = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            List<Path> files = children.filter(p -> !hidden(p) && isImageName(p.getFileName().toString()))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
            for (Path file : files) {
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    continue; // deleted while listing
                }
                if (attrs.isRegularFile()) {
                    images.add(new SourceImage(style + "/" + file.getFileName(), file, attrs.size(),
                            attrs.lastModifiedTime().toMillis()));
                }
            }
        } catch (IOException e) {
            throw new EmotionArtException("cannot list style folder " + dir + ": " + e.getMessage(), e);
        }
        return images;
    }

    /** Throws a clear error naming the styles found unless {@code style} is a style folder here. */
    public void requireStyle(String style) {
        if (!hasStyle(style)) {
            throw new EmotionArtException("no folder for style '" + style + "' in " + root
                    + " (styles found: " + String.join(", ", styles) + ")");
        }
    }

    /** True for names ending in .jpg, .jpeg or .png, in any case. */
    public static boolean isImageName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }
}
