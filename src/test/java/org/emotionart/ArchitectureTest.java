package org.emotionart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md's table ("package | owns | may import") checked against the compiled classes
 * (ArchUnit reads their bytecode, so every kind of reference counts, not only imports): a package that
 * starts to use one it may not fails here, and so does a table that claims more than the code does.
 * Sub-packages count as their top package ({@code org.emotionart.train.gan} is {@code train}).
 */
class ArchitectureTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z]+)` \\| [^|]+ \\| ([^|]+) \\|$");
    static Map<String, Set<String>> allowed;
    static JavaClasses classes;

    @BeforeAll
    static void read() throws IOException {
        allowed = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("ARCHITECTURE.md"))) {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches()) {
                Set<String> may = new TreeSet<>();
                String list = m.group(2).strip();
                if (!list.equals("–")) {
                    for (String p : list.split(",")) {
                        may.add(p.strip());
                    }
                }
                allowed.put(m.group(1), may);
            }
        }
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.emotionart");
    }

    /** The top package of a class under org.emotionart ("" for the root package's own classes, null outside). */
    static String top(JavaClass c) {
        if (!ours(c)) {
            return null;
        }
        String rest = c.getPackageName().equals("org.emotionart") ? ""
                : c.getPackageName().substring("org.emotionart.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    static boolean ours(JavaClass c) {
        return c.getPackageName().equals("org.emotionart") || c.getPackageName().startsWith("org.emotionart.");
    }

    @Test
    void everyPackageInTheCodeHasARowAndEveryRowAPackage() {
        Set<String> packages = new TreeSet<>();
        classes.stream().filter(ArchitectureTest::ours).map(ArchitectureTest::top).filter(p -> !p.isEmpty())
                .forEach(packages::add);
        assertEquals(packages, new TreeSet<>(allowed.keySet()), "ARCHITECTURE.md's table vs the packages of src/main");
    }

    @Test
    void packagesUseOnlyWhatTheirRowAllows() {
        List<String> wrong = new ArrayList<>();
        for (JavaClass c : classes) {
            String from = top(c);
            Set<String> may = allowed.get(from);
            if (from.isEmpty() || may == null || may.contains("everything above")) {
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass();
                String to = top(target);
                if (to != null && !to.isEmpty() && !to.equals(from) && !may.contains(to)) {
                    wrong.add(from + " -> " + to + ": " + d.getDescription());
                }
            }
        }
        assertTrue(wrong.isEmpty(), "uses that ARCHITECTURE.md does not allow:\n" + String.join("\n",
                wrong.stream().distinct().limit(40).toList()));
    }

    @Test
    void theTableClaimsNoUseTheCodeDoesNotMake() {
        Map<String, Set<String>> used = new LinkedHashMap<>();
        for (JavaClass c : classes) {
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                if (ours(d.getTargetClass()) && !top(d.getTargetClass()).isEmpty() && !top(d.getTargetClass()).equals(top(c))) {
                    used.computeIfAbsent(top(c), k -> new TreeSet<>()).add(top(d.getTargetClass()));
                }
            }
        }
        List<String> stale = new ArrayList<>();
        allowed.forEach((pkg, may) -> {
            if (!may.contains("everything above")) {
                for (String p : may) {
                    if (!used.getOrDefault(pkg, Set.of()).contains(p)) {
                        stale.add(pkg + " -> " + p);
                    }
                }
            }
        });
        assertTrue(stale.isEmpty(), "ARCHITECTURE.md lists uses the code does not make (keep it true): " + stale);
    }

    @Test
    void theLibrarysFacadeUsesNoTrainingExportCommandLineOrWebCode() {
        for (String never : List.of("train", "export", "cli", "web", "eval", "label")) {
            assertTrue(!allowed.get("api").contains(never), "api may not use " + never);
        }
    }
}
