package org.emotionart.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emotionart.EmotionArtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WikiArtFolderTest {
    @TempDir
    Path root;

    private void touch(String relative) throws Exception {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {1, 2, 3});
    }

    @Test
    void listsStylesAndImagesSortedIgnoringHiddenAndOtherFiles() throws Exception {
        touch("landscape/b+two.jpg");
        touch("landscape/a+one.JPEG");
        touch("landscape/c+three.Png");
        touch("landscape/notes.txt");
        touch("landscape/._a+one.JPEG");
        touch("landscape/nested/deeper.jpg");
        touch("abstract/x.jpg");
        touch("Zeta-style/y.jpeg");
        touch(".emotion-art-cache/landscape-64.bin");
        touch(".hidden/z.jpg");
        touch("root-file.jpg");

        WikiArtFolder data = WikiArtFolder.open(root);
        assertEquals(List.of("Zeta-style", "abstract", "landscape"), data.styles());
        List<String> paths = data.images("landscape").stream().map(SourceImage::path).toList();
        assertEquals(List.of("landscape/a+one.JPEG", "landscape/b+two.jpg", "landscape/c+three.Png"), paths);
        SourceImage first = data.images("landscape").get(0);
        assertEquals(3, first.length());
        assertEquals(root.resolve("landscape/a+one.JPEG"), first.file());
        assertEquals(Files.getLastModifiedTime(first.file()).toMillis(), first.lastModifiedMillis());
    }

    @Test
    void anEmptyStyleFolderIsAStyleWithNoImages() throws Exception {
        Files.createDirectories(root.resolve("empty-style"));
        assertEquals(List.of(), WikiArtFolder.open(root).images("empty-style"));
    }

    @Test
    void unknownStyleNamesTheStylesFound() throws Exception {
        touch("abstract/x.jpg");
        touch("landscape/y.jpg");
        EmotionArtException e = assertThrows(EmotionArtException.class,
                () -> WikiArtFolder.open(root).images("portrait"));
        assertTrue(e.getMessage().contains("no folder for style 'portrait'"), e.getMessage());
        assertTrue(e.getMessage().contains("styles found: abstract, landscape"), e.getMessage());
    }

    @Test
    void missingFileAndEmptyRootsAreClearErrors() throws Exception {
        EmotionArtException missing = assertThrows(EmotionArtException.class,
                () -> WikiArtFolder.open(root.resolve("nope")));
        assertTrue(missing.getMessage().startsWith("data folder not found: "), missing.getMessage());

        Path file = Files.writeString(root.resolve("file.csv"), "x");
        EmotionArtException notDir = assertThrows(EmotionArtException.class, () -> WikiArtFolder.open(file));
        assertTrue(notDir.getMessage().startsWith("not a folder: "), notDir.getMessage());

        Path empty = Files.createDirectories(root.resolve("empty"));
        Files.createDirectories(empty.resolve(".emotion-art-cache"));
        EmotionArtException none = assertThrows(EmotionArtException.class, () -> WikiArtFolder.open(empty));
        assertTrue(none.getMessage().startsWith("no style folders in "), none.getMessage());
    }
}
