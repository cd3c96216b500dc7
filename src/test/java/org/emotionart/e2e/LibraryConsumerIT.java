package org.emotionart.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.emotionart.util.FileTrees;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library as a user's project gets it: the main artifact (target/library/emotion-art.jar) holds no
 * class of the command line, the web server or the benchmarks and not the web page, while the command's
 * jar (target/emotion-art.jar) holds them all; and a tiny consumer project that depends on emotion-art,
 * resolved by Maven itself, gets the library's dependencies (TensorFlow, its image and data libraries)
 * and none of the command line's or the web server's (picocli, Javalin and Jetty, slf4j-simple), and
 * the JPEG plug-in only at runtime. The artifact is served to it from a folder repository under a version of its own, so the
 * user's Maven repository never holds a stale copy of the project's coordinates.
 */
class LibraryConsumerIT {
    private static final String VERSION = "0.0.0-consumer-it";
    @TempDir
    static Path dir;

    private static final List<String> APP_ONLY = List.of("org/emotionart/cli/", "org/emotionart/web/",
            "org/emotionart/bench/", "web/");

    @Test
    void theLibraryJarCarriesNothingOfTheCommandLineOrTheWebServer() throws Exception {
        List<String> library = entries(Jar.REPO.resolve("target/library/emotion-art.jar"));
        List<String> app = entries(Jar.JAR);
        assertTrue(library.contains("org/emotionart/api/EmotionArt.class"), String.join("\n", library));
        assertTrue(library.contains("org/emotionart/version.properties"), String.join("\n", library));
        for (String prefix : APP_ONLY) {
            assertFalse(library.stream().anyMatch(e -> e.startsWith(prefix)), prefix + " is in the library jar: "
                    + library.stream().filter(e -> e.startsWith(prefix)).toList());
            assertTrue(app.stream().anyMatch(e -> e.startsWith(prefix) && !e.endsWith("/")), prefix
                    + " is missing from the command's jar");
        }
        // everything else the library holds, the command's jar holds too
        List<String> missing = library.stream().filter(e -> !e.endsWith("/") && !e.startsWith("META-INF/")
                && !app.contains(e)).toList();
        assertTrue(missing.isEmpty(), "in the library but not in the command's jar: " + missing);
        try (JarFile lib = new JarFile(Jar.REPO.resolve("target/library/emotion-art.jar").toFile());
                JarFile cmd = new JarFile(Jar.JAR.toFile())) {
            assertNull(lib.getManifest().getMainAttributes().getValue("Main-Class"));
            assertEquals("org.emotionart", lib.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
            assertEquals("org.emotionart.cli.Main", cmd.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }

    private static List<String> entries(Path jar) throws Exception {
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.stream().map(JarEntry::getName).toList();
        }
    }

    @Test
    void aProjectThatDependsOnTheLibraryGetsNoneOfTheAppsDependencies() throws Exception {
        Assumptions.assumeTrue(run(dir, "mvn", "-v")[0].equals("0"), "no mvn on the PATH");
        Path artifact = dir.resolve("repo/org/emotionart/emotion-art/" + VERSION);
        Files.createDirectories(artifact);
        String pom = Files.readString(Jar.REPO.resolve("pom.xml"))
                .replaceFirst("<version>[^<]+</version>", "<version>" + VERSION + "</version>");
        Files.writeString(artifact.resolve("emotion-art-" + VERSION + ".pom"), pom);
        Files.copy(Jar.REPO.resolve("target/library/emotion-art.jar"), artifact.resolve("emotion-art-" + VERSION + ".jar"));
        Path consumer = Files.createDirectories(dir.resolve("consumer"));
        Files.writeString(consumer.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>consumer</artifactId>
                  <version>1</version>
                  <repositories>
                    <repository><id>emotion-art-build</id><url>%s</url></repository>
                  </repositories>
                  <dependencies>
                    <dependency>
                      <groupId>org.emotionart</groupId>
                      <artifactId>emotion-art</artifactId>
                      <version>%s</version>
                    </dependency>
                  </dependencies>
                  <build><plugins><plugin>
                    <artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version>
                  </plugin></plugins></build>
                </project>
                """.formatted(dir.resolve("repo").toUri(), VERSION));
        Path cached = Path.of(System.getProperty("user.home"), ".m2/repository/org/emotionart/emotion-art", VERSION);
        FileTrees.delete(cached);
        try {
            String[] r = run(consumer, "mvn", "-B", "-q", "dependency:list", "-DoutputFile=deps.txt",
                    "-DexcludeTransitive=false");
            assertEquals("0", r[0], r[1] + r[2]);
            List<String> deps = Files.readAllLines(consumer.resolve("deps.txt")).stream().map(String::strip)
                    .filter(l -> l.chars().filter(c -> c == ':').count() >= 4).toList();
            assertTrue(deps.stream().anyMatch(d -> d.startsWith("org.emotionart:emotion-art:jar:" + VERSION + ":compile")),
                    String.join("\n", deps));
            assertTrue(deps.stream().anyMatch(d -> d.startsWith("org.tensorflow:tensorflow-core-api:jar:")), String.join("\n", deps));
            assertTrue(deps.stream().anyMatch(d -> d.startsWith("com.twelvemonkeys.imageio:imageio-jpeg:jar:")
                    && d.contains(":runtime")), "the JPEG plug-in, at runtime scope:\n" + String.join("\n", deps));
            for (String app : List.of("info.picocli:", "io.javalin:", "org.eclipse.jetty", "org.slf4j:slf4j-simple:",
                    "org.jetbrains.kotlin:")) {
                assertFalse(deps.stream().anyMatch(d -> d.startsWith(app)), app + " leaked into a library user's "
                        + "classpath:\n" + String.join("\n", deps));
            }
            // and the library alone, on exactly that classpath, paints from the shipped bundles
            r = run(consumer, "mvn", "-B", "-q", "dependency:build-classpath", "-Dmdep.outputFile=cp.txt");
            assertEquals("0", r[0], r[1] + r[2]);
            Files.writeString(consumer.resolve("Paint.java"), """
                    import java.nio.file.Path;
                    import org.emotionart.Emotion;
                    import org.emotionart.api.EmotionArt;
                    public class Paint {
                        public static void main(String[] args) throws Exception {
                            try (EmotionArt art = EmotionArt.open(Path.of(args[0]))) {
                                var paintings = art.generator("landscape").generate(Emotion.POSITIVE, 2, 7);
                                var p = art.classifier().classify(paintings.get(0));
                                System.out.println(paintings.size() + " " + paintings.get(0).getWidth() + " " + p.emotion().name().toLowerCase(java.util.Locale.ROOT));
                            }
                        }
                    }
                    """);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            r = run(consumer, java, "-cp", Files.readString(consumer.resolve("cp.txt")).strip(), "Paint.java",
                    Jar.REPO.resolve("savedmodels").toString());
            assertEquals("0", r[0], r[1] + r[2]);
            assertEquals("2 64 positive", r[1].strip(), r[2]);
        } finally {
            FileTrees.delete(cached);
        }
    }

    /** exit code, stdout, stderr. */
    private static String[] run(Path cwd, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (java.io.IOException e) {
            return new String[] {"127", "", e.getMessage()};
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", command));
        return new String[] {String.valueOf(p.exitValue()), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8)};
    }
}
