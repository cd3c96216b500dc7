package org.emotionart.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.emotionart.util.FileTrees;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar as a library: a tiny consumer project that depends on emotion-art, resolved by Maven itself,
 * gets the library's dependencies (TensorFlow, its image and data libraries) and none of the command
 * line's or the web server's (picocli, Javalin and Jetty, slf4j-simple), and the JPEG plug-in only at
 * runtime. The artifact is served to it from a folder repository under a version of its own, so the
 * user's Maven repository never holds a stale copy of the project's coordinates.
 */
class LibraryConsumerIT {
    private static final String VERSION = "0.0.0-consumer-it";
    @TempDir
    static Path dir;

    @Test
    void aProjectThatDependsOnTheLibraryGetsNoneOfTheAppsDependencies() throws Exception {
        Assumptions.assumeTrue(run(dir, "mvn", "-v")[0].equals("0"), "no mvn on the PATH");
        Path artifact = dir.resolve("repo/org/emotionart/emotion-art/" + VERSION);
        Files.createDirectories(artifact);
        String pom = Files.readString(Jar.REPO.resolve("pom.xml"))
                .replaceFirst("<version>[^<]+</version>", "<version>" + VERSION + "</version>");
        Files.writeString(artifact.resolve("emotion-art-" + VERSION + ".pom"), pom);
        Files.copy(Jar.REPO.resolve("target/emotion-art.jar"), artifact.resolve("emotion-art-" + VERSION + ".jar"));
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
