package org.emotionart.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.emotionart.TestData;
import org.emotionart.EmotionArtException;
import org.emotionart.bundle.BundleMetadata;
import org.emotionart.util.FileTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle whose metadata is damaged gets one line in words that names the file and what is wrong in it,
 * never Jackson's class names or a Java number-format error.
 */
class DamagedBundleTest {
    @TempDir
    Path dir;
    private int copies;

    private Path classifier(String metadata) throws Exception {
        Path to = dir.resolve("classifier-" + copies++);
        FileTrees.copy(Path.of("savedmodels/classifier/2"), to);
        if (metadata != null) {
            Files.writeString(to.resolve(BundleMetadata.FILE), metadata);
        }
        return to;
    }

    private static String withSize(String size) throws Exception {
        return Files.readString(Path.of("savedmodels/classifier/2").resolve(BundleMetadata.FILE))
                .replace("\"imageSize\" : 64", "\"imageSize\" : " + size);
    }

    private static String refusal(Path bundle) {
        EmotionArtException e = assertThrows(EmotionArtException.class, () -> EmotionClassifier.load(bundle)
                .imageSize());
        String m = e.getMessage();
        assertEquals(1, m.lines().count(), m);
        assertFalse(m.contains("java.") || m.contains("`") || m.contains("Exception") || m.contains("Constraints"), m);
        return m;
    }

    @Test
    void metadataOfTheWrongShapeSaysWhichFieldAndWhere() throws Exception {
        String m = refusal(classifier("{\"kind\": 5, \"emotions\": \"x\", \"imageSize\": \"big\", \"steps\": []}"));
        assertTrue(m.contains(BundleMetadata.FILE + ": the value of '") && m.contains("is not of the expected type (line 1,"),
                m);
        m = refusal(classifier("{\"kind\":\"classifier\",\"imageSize\":64,\"architecture\":[[[]]]}"));
        assertTrue(m.contains("the value of 'architecture' is not of the expected type"), m);
        m = refusal(classifier(withSize("1" + "0".repeat(5000))));
        assertTrue(m.contains("beyond what the reader takes"), m);
        m = refusal(classifier("{\"kind\": "));
        assertTrue(m.contains("not valid JSON (line 1,"), m);
    }

    @Test
    void anImageSizeOutOfRangeIsRefused() throws Exception {
        assertTrue(refusal(classifier(withSize("100000"))).contains("is damaged: imageSize 100000 is outside 8..1024"));
        assertTrue(refusal(classifier(withSize("-5"))).contains("imageSize -5 is outside"));
    }

    @Test
    void aHugeMetadataFileIsRefusedWithoutReadingIt() throws Exception {
        Path bundle = classifier(null);
        TestData.sparse(bundle.resolve(BundleMetadata.FILE), 1500L << 20);
        assertTrue(refusal(bundle).contains("larger than any JSON file this program writes (at most 16 MB)"));
    }

    @Test
    void aDamagedDomainFileIsOneLineAndAFailedReadNotAWrongPath() throws Exception {
        Path bundle = classifier(null);
        Files.writeString(bundle.resolve(Domain.FILE), "{\"x\":");
        BundleException e = assertThrows(BundleException.class, () -> EmotionClassifier.load(bundle));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().contains("has a damaged " + Domain.FILE + ": cannot read"), e.getMessage());
        assertInstanceOf(EmotionArtException.class, e.getCause()); // with a cause: the CLI's exit 1, not 2
    }

    @Test
    void aVersionFolderPastALongIsNotAVersion() throws Exception {
        Path model = dir.resolve("classifier");
        FileTrees.copy(Path.of("savedmodels/classifier/2"), model.resolve("99999999999999999999999"));
        BundleException e = assertThrows(BundleException.class, () -> EmotionClassifier.load(model));
        assertTrue(e.getMessage().contains("is not a bundle: expected saved_model.pb"), e.getMessage());
    }
}
