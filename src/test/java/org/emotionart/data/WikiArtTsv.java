package org.emotionart.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small annotation files in the exact WikiArt Emotions layout (12 info columns, then 20
 * columns for each of Art (image+title), ImageOnly, TitleOnly; tab-separated, CRLF, UTF-8, no
 * quoting). Test data only: the real files may not be redistributed.
 */
public final class WikiArtTsv {
    public static final List<String> INFO = List.of("ID", "Style", "Category", "Artist", "Title", "Year",
            "Image URL", "Painting Info URL", "Artist Info URL", "Is painting", "Face/body", "Ave. art rating");
    public static final List<String> PREFIXES = List.of("Art (image+title)", "ImageOnly", "TitleOnly");

    private WikiArtTsv() {
    }

    /** The 72 real column names in the real order. */
    public static List<String> header() {
        List<String> h = new ArrayList<>(INFO);
        for (String p : PREFIXES) {
            for (WikiArtEmotion e : WikiArtEmotion.values()) {
                h.add(p + ": " + e.label());
            }
        }
        return h;
    }

    /** A painting: info columns and scores by full column name (others are "0"). */
    public record Painting(String id, String style, String category, String artist, String title, String year,
                           String imageUrl, Map<String, String> scores) {
        public List<String> fields() {
            String slug = imageUrl.isEmpty() ? "" : imageUrl.substring(imageUrl.lastIndexOf('/') + 1);
            String artistSlug = artist.toLowerCase().replace(' ', '-');
            List<String> f = new ArrayList<>(List.of(id, style, category, artist, title, year, imageUrl,
                    "https://www.wikiart.org/en/" + artistSlug + "/" + slug.replaceAll("\\.jpg$", ""),
                    "https://www.wikiart.org/en/" + artistSlug, "yes", "none", "1.3"));
            for (String col : header().subList(INFO.size(), header().size())) {
                f.add(scores.getOrDefault(col, "0"));
            }
            return f;
        }
    }

    /** Scores builder: {@code scores("ImageOnly: fear", "0.5", "Art (image+title): love", "1")}. */
    public static Map<String, String> scores(String... columnValuePairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < columnValuePairs.length; i += 2) {
            m.put(columnValuePairs[i], columnValuePairs[i + 1]);
        }
        return m;
    }

    public static final String ID_DALI = "58c6237dedc2c9c7dc0de1ae";
    public static final String ID_MONET = "58c62381edc2c9c7dc0e3c53";
    public static final String ID_MUNCH = "58c6238aedc2c9c7dc0e8d17";
    public static final String ID_TIE = "58c62395edc2c9c7dc0ef3a2";
    public static final String ID_ZERO = "58c623a0edc2c9c7dc0f4b6e";
    public static final String ID_WEAK = "58c623b4edc2c9c7dc0fbb01";
    public static final String MONET_TITLE = "Impression, soleil levant — été à Étretat";
    public static final String MUNCH_TITLE = "Der Schrei der Natur \"The Scream";

    /** Six paintings with fraction scores (the -All variant). */
    public static List<Painting> fractions() {
        return List.of(
                new Painting(ID_DALI, "Surrealism", "Surrealism", "Salvador Dali", "The Persistence of Memory", "1931",
                        "https://uploads3.wikiart.org/images/salvador-dali/the-persistence-of-memory-1931.jpg",
                        scores("ImageOnly: anticipation", "0.4", "ImageOnly: surprise", "0.3", "ImageOnly: fear", "0.2",
                                "Art (image+title): fear", "0.6", "TitleOnly: sadness", "0.5", "TitleOnly: regret", "0.3")),
                new Painting(ID_MONET, "Impressionism", "Impressionism, Post-Impressionism", "Claude Monet", MONET_TITLE,
                        "1872", "https://uploads0.wikiart.org/images/claude-monet/impression-soleil-levant-%C3%A9t%C3%A9.jpg",
                        scores("ImageOnly: happiness", "0.6", "ImageOnly: optimism", "0.3", "ImageOnly: sadness", "0.1",
                                "Art (image+title): happiness", "0.5", "Art (image+title): love", "0.2",
                                "TitleOnly: neutral", "0.4")),
                new Painting(ID_MUNCH, "Expressionism", "Expressionism", "Edvard Munch", MUNCH_TITLE, "1893",
                        "https://uploads5.wikiart.org/images/edvard-munch/the-scream-1893.jpg",
                        scores("ImageOnly: fear", "0.5", "ImageOnly: sadness", "0.4",
                                "Art (image+title): fear", "0.7", "TitleOnly: fear", "0.3")),
                new Painting(ID_TIE, "Post-Impressionism", "Post-Impressionism", "Vincent van Gogh", "Self-Portrait",
                        "1887", "https://uploads1.wikiart.org/images/vincent-van-gogh/self-portrait.jpg",
                        scores("ImageOnly: happiness", "0.1", "ImageOnly: love", "0.2", "ImageOnly: sadness", "0.3",
                                "Art (image+title): love", "0.5")),
                new Painting(ID_ZERO, "Cubism", "Cubism", "Pablo Picasso", "\"Untitled", "1910",
                        "https://uploads2.wikiart.org/images/pablo-picasso/untitled.jpg",
                        scores("Art (image+title): trust", "0.036")),
                new Painting(ID_WEAK, "Baroque", "Baroque", "Rembrandt", "Night Watch", "1642",
                        "https://uploads4.wikiart.org/images/rembrandt/the-night-watch-1642.jpg",
                        scores("ImageOnly: anger", "0.05", "ImageOnly: trust", "0.036", "ImageOnly: love", "0.01")));
    }

    /** The same six paintings as 0/1 scores (the -Ag4 variant). */
    public static List<Painting> binary() {
        List<Painting> f = fractions();
        List<Map<String, String>> s = List.of(
                scores("ImageOnly: anticipation", "1", "Art (image+title): fear", "1", "TitleOnly: sadness", "1"),
                scores("ImageOnly: happiness", "1", "ImageOnly: optimism", "1", "Art (image+title): happiness", "1"),
                scores("ImageOnly: fear", "1", "ImageOnly: sadness", "1", "Art (image+title): fear", "1"),
                scores("ImageOnly: happiness", "1", "ImageOnly: sadness", "1"),
                scores(),
                scores("ImageOnly: anger", "1"));
        List<Painting> out = new ArrayList<>();
        for (int i = 0; i < f.size(); i++) {
            Painting p = f.get(i);
            out.add(new Painting(p.id(), p.style(), p.category(), p.artist(), p.title(), p.year(), p.imageUrl(), s.get(i)));
        }
        return out;
    }

    /** Writes header and paintings, CRLF, UTF-8 without BOM. */
    public static Path write(Path file, List<Painting> paintings) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (Painting p : paintings) {
            rows.add(p.fields());
        }
        return writeRaw(file, header(), rows);
    }

    /** Writes any header and rows, tab-separated, CRLF, UTF-8. */
    public static Path writeRaw(Path file, List<String> header, List<List<String>> rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join("\t", header)).append("\r\n");
        for (List<String> r : rows) {
            sb.append(String.join("\t", r)).append("\r\n");
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /** The monet file name as macOS would store it: accents decomposed. */
    public static final String MONET_NFD = Normalizer.normalize("impression-soleil-levant-été.jpg", Normalizer.Form.NFD);

    /**
     * Images for the six test paintings: dali flat with an upper-case extension (by URL name), monet
     * nested with a decomposed name (by URL name), munch as ID.png (by ID), van gogh's self-portrait.jpg
     * twice but once in the artist's folder (by URL name), picasso's untitled.jpg twice in unrelated
     * folders (ambiguous), rembrandt missing (only a hidden macOS ._ file).
     */
    public static Path images(Path root) throws IOException {
        touch(root.resolve("the-persistence-of-memory-1931.JPG"));
        touch(root.resolve("Impressionism").resolve(MONET_NFD));
        touch(root.resolve("Expressionism").resolve(WikiArtTsv.ID_MUNCH + ".png"));
        touch(root.resolve("Portraits/self-portrait.jpg"));
        touch(root.resolve("vincent-van-gogh/self-portrait.jpg"));
        touch(root.resolve("Cubism/untitled.jpg"));
        touch(root.resolve("Analytical Cubism/untitled.jpg"));
        touch(root.resolve("._the-night-watch-1642.jpg"));
        touch(root.resolve(".thumbs/the-night-watch-1642.jpg"));
        touch(root.resolve("notes.txt"));
        return root;
    }

    private static void touch(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {1, 2, 3});
    }

    /** 1-based column number of a header name. */
    public static int column(String name) {
        return header().indexOf(name) + 1;
    }
}
