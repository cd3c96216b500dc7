package org.emotionart.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class IoErrorsTest {
    @Test
    void javaExceptionClassesBecomeSentencesWithTheirPath() {
        assertEquals("/proc/x: no such file or folder (or a folder on its path is missing)",
                IoErrors.describe(new NoSuchFileException("/proc/x")));
        assertTrue(IoErrors.describe(new UncheckedIOException(new FileAlreadyExistsException("README.md")))
                .startsWith("README.md: already exists"));
        FileSystemException full = new FileSystemException("/mnt/small/a.png", null, "No space left on device");
        assertEquals("/mnt/small/a.png: the disk is full", IoErrors.describe(full));
        assertTrue(IoErrors.diskFull(new RuntimeException("write failed",
                new IOException("Resource exhausted: No space left on device"))));
        assertFalse(IoErrors.diskFull(new IOException("Permission denied")));
        for (String s : new String[] {IoErrors.describe(new NoSuchFileException("x")), IoErrors.describe(full)}) {
            assertFalse(s.contains("Exception"), s);
        }
    }
}
