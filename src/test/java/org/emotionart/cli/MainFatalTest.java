package org.emotionart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Running out of memory or stack (Errors, which picocli's handler never sees) is still one line in words. */
class MainFatalTest {
    @Test
    void outOfMemoryAndStackOverflowAreOneLineWithoutClassNames() {
        String oom = Main.fatal(new OutOfMemoryError("Java heap space"), "emotion-art import-torch");
        String deep = Main.fatal(new StackOverflowError(), "emotion-art import-torch");
        for (String line : new String[] {oom, deep}) {
            assertEquals(1, line.lines().count(), line);
            assertTrue(line.startsWith("emotion-art import-torch: error: "), line);
            assertFalse(line.contains("Error") || line.contains("java."), line);
        }
        assertTrue(oom.contains("out of memory") && oom.contains("MB") && oom.contains("-Xmx"), oom);
        assertTrue(deep.contains("nests deeper"), deep);
    }
}
