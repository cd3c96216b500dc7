package org.emotionart;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project's version and the TensorFlow Java it is built on, in one place. */
public final class Version {
    public static final String TENSORFLOW_JAVA = "1.1.0";

    private Version() {
    }

    /** The version Maven wrote into {@code org/emotionart/version.properties} ("dev" if it cannot be read). */
    public static String project() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.contains("${")) {
                    return v;
                }
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "dev";
    }

    /** "emotion-art 0.1.0 with TensorFlow Java 1.1.0": what a bundle records as its maker. */
    public static String createdBy() {
        return "emotion-art " + project() + " with TensorFlow Java " + TENSORFLOW_JAVA;
    }
}
