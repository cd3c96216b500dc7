package org.emotionart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's Markdown (README.md, ARCHITECTURE.md, everything under training/) read as a user
 * reads it on GitHub: every relative link and image must name a file that exists, and every
 * {@code #anchor} a heading of its target (GitHub's slugs: lower case, punctuation dropped, spaces
 * to '-', a repeated heading's slug suffixed -1, -2 ...). Links inside code are not links.
 */
class DocsLinksTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern LINK = Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HTML_REF = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ID = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<Path> docs = docs();
        assertTrue(docs.size() >= 5, "found " + docs);
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs) {
            for (String target : links(Files.readString(doc))) {
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) continue; // http:, https:, mailto:
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(decode(file)).normalize();
                checked++;
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(ROOT.relativize(doc) + ": " + target + " (no such file)");
                    continue;
                }
                if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")) {
                    Set<String> known = anchors.computeIfAbsent(resolved, DocsLinksTest::anchorsOf);
                    if (!known.contains(anchor))
                        broken.add(ROOT.relativize(doc) + ": " + target + " (no such heading)");
                }
            }
        }
        assertTrue(checked > 50, "only " + checked + " links found: is the pattern right?");
        assertEquals(List.of(), broken);
    }

    @Test
    void slugsFollowGitHub() {
        Set<String> a = anchorsOf("## The GAN\n### `generate`, interpolate\n## Label, evaluate\n## Label, evaluate\n"
                + "### How good the paintings are: image quality\n");
        assertEquals(Set.of("the-gan", "generate-interpolate", "label-evaluate", "label-evaluate-1",
                "how-good-the-paintings-are-image-quality"), a);
        assertEquals(List.of("a.md#x", "b.png"), links("see [a](a.md#x) and ![b](b.png), not `[c](c.md)`\n```\n[d](d.md)\n```\n"));
    }

    private static List<Path> docs() throws IOException {
        List<Path> out = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("ARCHITECTURE.md")));
        try (Stream<Path> s = Files.walk(ROOT.resolve("training"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
        }
        return out;
    }

    /** Link targets outside code (fenced blocks and inline code spans). */
    static List<String> links(String markdown) {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.stripLeading().startsWith("```")) { fenced = !fenced; continue; }
            if (fenced) continue;
            String text = line.replaceAll("`[^`]*`", "");
            Matcher m = LINK.matcher(text);
            while (m.find()) out.add(m.group(1));
            Matcher h = HTML_REF.matcher(text);
            while (h.find()) out.add(h.group(1));
        }
        return out;
    }

    private static Set<String> anchorsOf(Path file) {
        try {
            return anchorsOf(Files.readString(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Set<String> anchorsOf(String markdown) {
        Set<String> out = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.stripLeading().startsWith("```")) { fenced = !fenced; continue; }
            if (fenced) continue;
            Matcher id = HTML_ID.matcher(line);
            while (id.find()) out.add(id.group(1));
            Matcher m = HEADING.matcher(line);
            if (!m.matches()) continue;
            String slug = slug(m.group(1));
            int n = seen.merge(slug, 1, Integer::sum) - 1;
            out.add(n == 0 ? slug : slug + "-" + n);
        }
        return out;
    }

    /** GitHub's heading slug: the rendered text (link text, code without backticks), lower case, punctuation dropped, spaces to '-'. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replaceAll("<[^>]+>", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static String decode(String path) {
        return java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }
}
