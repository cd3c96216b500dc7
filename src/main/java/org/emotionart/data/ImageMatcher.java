package org.emotionart.data;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.emotionart.EmotionArtException;
import org.emotionart.data.WikiArtEmotions.Row;

/**
 * Finds the image of each WikiArt Emotions row in a folder the user downloaded them into (flat, or
 * nested in sub-folders at any depth).
 *
 * <p>A row matches a file, in this order:
 * <ol>
 *   <li>by the file name in its {@code Image URL}: the last path segment, percent-decoded (the
 *       still-encoded form and the name before a WikiArt {@code !Large.jpg}-style suffix are tried too).
 *       The name must be equal except for the extension's case ({@code x.JPG} matches {@code x.jpg});
 *       names are compared in Unicode NFC, so macOS's decomposed accents match;</li>
 *   <li>by {@code <ID>.<ext>}, {@code ext} one of {@link #IMAGE_EXTENSIONS} in any case.</li>
 * </ol>
 * When several files have the matching name (e.g. {@code self-portrait.jpg} of two artists), the one
 * whose folder is named like the URL's folder (the artist, {@code images/salvador-dali/...}) wins;
 * if that does not single one out the row is <em>ambiguous</em> and left out. Hidden files and folders
 * (name starting with '.', e.g. macOS {@code ._x.jpg}) are ignored. A file claimed by an earlier row is
 * not given to a later one (counted as shared).
 *
 * <p>The style of a matched image is the name of the folder holding it, or {@link #FLAT_STYLE} for
 * files directly in the images folder; its path is relative to the images folder with '/'.
 */
public final class ImageMatcher {
    /** Style given to images lying directly in the images folder. */
    public static final String FLAT_STYLE = "wikiart-emotions";
    /** Extensions accepted for {@code <ID>.<ext>} (compared lower-case). */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "bmp", "webp", "tif", "tiff");

    /** How a row found its image. */
    public enum How {
        /** By the file name in the image URL. */
        URL_NAME,
        /** By {@code <ID>.<ext>}. */
        ID
    }

    /**
     * A row with its image.
     *
     * @param row   the row
     * @param path  the image, relative to the images folder, '/'-separated
     * @param style the folder holding the image, or {@link #FLAT_STYLE}
     * @param how   how it matched
     */
    public record Match(Row row, String path, String style, How how) {
    }

    /**
     * The outcome for a list of rows.
     *
     * @param imagesDir    the folder searched
     * @param filesIndexed files found in it (hidden ones excluded)
     * @param matches      rows with an image, in row order
     * @param missing      rows without an image
     * @param ambiguous    rows whose name matched several files that could not be told apart
     * @param shared       rows whose file was already given to an earlier row
     */
    public record Result(Path imagesDir, int filesIndexed, List<Match> matches, List<Row> missing,
                         List<Row> ambiguous, List<Row> shared) {
        /** Rows matched by URL file name. */
        public int byUrlName() {
            return (int) matches.stream().filter(m -> m.how() == How.URL_NAME).count();
        }

        /** Rows matched by ID. */
        public int byId() {
            return (int) matches.stream().filter(m -> m.how() == How.ID).count();
        }

        /** Rows looked at. */
        public int rows() {
            return matches.size() + missing.size() + ambiguous.size() + shared.size();
        }

        /** The match of {@code row}, or null. */
        public Match of(Row row) {
            for (Match m : matches) {
                if (m.row() == row) {
                    return m;
                }
            }
            return null;
        }
    }

    private final Path root;
    private final int files;
    /** File name (NFC, extension lower-cased) to relative paths. */
    private final Map<String, List<String>> byName = new HashMap<>();
    /** Stem (NFC, lower-case) of image files to relative paths. */
    private final Map<String, List<String>> byStem = new HashMap<>();

    private ImageMatcher(Path root) {
        this.root = root;
        int[] count = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !hidden(file)) {
                        add(file);
                        count[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new EmotionArtException("cannot read images folder " + root + ": " + e.getMessage(), e);
        }
        this.files = count[0];
    }

    /**
     * Lists the images under {@code imagesDir} once; {@link #match} can then be called any number of times.
     *
     * @throws EmotionArtException when the folder does not exist or cannot be read
     */
    public static ImageMatcher index(Path imagesDir) {
        if (!Files.isDirectory(imagesDir)) {
            throw new EmotionArtException("images folder not found: " + imagesDir
                    + " (download the WikiArt Emotions images into a folder, flat or in sub-folders)");
        }
        return new ImageMatcher(imagesDir);
    }

    /** Number of (non-hidden) files under the images folder. */
    public int files() {
        return files;
    }

    /** Matches each row to an image (see the class comment). */
    public Result match(List<Row> rows) {
        List<Match> matches = new ArrayList<>();
        List<Row> missing = new ArrayList<>();
        List<Row> ambiguous = new ArrayList<>();
        List<Row> shared = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Row row : rows) {
            Lookup byUrl = findByUrl(row);
            Lookup found = byUrl.path != null ? byUrl : findById(row);
            if (found.path == null) {
                (byUrl.ambiguous || found.ambiguous ? ambiguous : missing).add(row);
            } else if (!taken.add(found.path)) {
                shared.add(row);
            } else {
                matches.add(new Match(row, found.path, styleOf(found.path), found.how));
            }
        }
        return new Result(root, files, List.copyOf(matches), List.copyOf(missing), List.copyOf(ambiguous),
                List.copyOf(shared));
    }

    private record Lookup(String path, How how, boolean ambiguous) {
        static final Lookup NONE = new Lookup(null, null, false);
        static final Lookup AMBIGUOUS = new Lookup(null, null, true);
    }

    private Lookup findByUrl(Row row) {
        String raw = WikiArtEmotions.rawImageFileName(row.imageUrl());
        Set<String> names = new LinkedHashSet<>();
        names.add(row.imageFileName());
        names.add(raw);
        for (String n : List.copyOf(names)) {
            int bang = n.indexOf('!');
            if (bang > 0) {
                names.add(n.substring(0, bang));
            }
        }
        String urlFolder = urlFolder(row.imageUrl());
        boolean ambiguous = false;
        for (String name : names) {
            if (name.isEmpty()) {
                continue;
            }
            List<String> candidates = byName.getOrDefault(nameKey(name), List.of());
            if (candidates.size() == 1) {
                return new Lookup(candidates.get(0), How.URL_NAME, false);
            }
            if (candidates.size() > 1) {
                List<String> inFolder = candidates.stream()
                        .filter(p -> nfc(folderOf(p)).equals(urlFolder)).toList();
                if (inFolder.size() == 1) {
                    return new Lookup(inFolder.get(0), How.URL_NAME, false);
                }
                ambiguous = true;
            }
        }
        return ambiguous ? Lookup.AMBIGUOUS : Lookup.NONE;
    }

    private Lookup findById(Row row) {
        List<String> candidates = byStem.getOrDefault(nfc(row.id()).toLowerCase(Locale.ROOT), List.of());
        if (candidates.size() == 1) {
            return new Lookup(candidates.get(0), How.ID, false);
        }
        return candidates.isEmpty() ? Lookup.NONE : Lookup.AMBIGUOUS;
    }

    private void add(Path file) {
        Path rel = root.relativize(file);
        List<String> parts = new ArrayList<>();
        for (Path p : rel) {
            parts.add(p.toString());
        }
        String relPath = String.join("/", parts);
        String name = file.getFileName().toString();
        byName.computeIfAbsent(nameKey(name), k -> new ArrayList<>()).add(relPath);
        int dot = name.lastIndexOf('.');
        if (dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
            byStem.computeIfAbsent(nfc(name.substring(0, dot)).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(relPath);
        }
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /** The name with its extension lower-cased, in NFC. */
    private static String nameKey(String name) {
        String n = nfc(name);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) + n.substring(dot).toLowerCase(Locale.ROOT) : n;
    }

    private static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    private static String folderOf(String relPath) {
        int slash = relPath.lastIndexOf('/');
        if (slash < 0) {
            return "";
        }
        String parent = relPath.substring(0, slash);
        return parent.substring(parent.lastIndexOf('/') + 1);
    }

    private static String styleOf(String relPath) {
        String folder = folderOf(relPath);
        return folder.isEmpty() ? FLAT_STYLE : folder;
    }

    /** The URL's folder just above the file name (the artist on WikiArt), percent-decoded, NFC. */
    private static String urlFolder(String url) {
        String raw = WikiArtEmotions.rawImageFileName(url);
        String u = url == null ? "" : url.trim();
        int at = raw.isEmpty() ? -1 : u.lastIndexOf("/" + raw);
        if (at <= 0) {
            return "";
        }
        String parent = u.substring(0, at);
        return nfc(WikiArtEmotions.percentDecode(parent.substring(parent.lastIndexOf('/') + 1)));
    }
}
