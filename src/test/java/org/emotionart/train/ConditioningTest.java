package org.emotionart.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emotionart.export.GanExport;
import org.emotionart.model.Discriminator;
import org.emotionart.model.GanSpec;
import org.emotionart.model.ProjectionDiscriminator;
import org.emotionart.util.Json;
import org.junit.jupiter.api.Test;

/** The --conditioning words and the architecture names that config.json files and bundles hold. */
class ConditioningTest {
    @Test
    void wordsNamesAndDiscriminators() {
        assertEquals(Conditioning.CONCAT, Conditioning.ofWord("concat"));
        assertEquals(Conditioning.PROJECTION, Conditioning.ofWord("projection"));
        assertEquals("conditional-dcgan/concat", Conditioning.CONCAT.architecture());
        assertEquals("conditional-dcgan/projection", Conditioning.PROJECTION.architecture());
        assertEquals(Conditioning.PROJECTION, Conditioning.ofArchitecture("conditional-dcgan/projection"));
        var e = assertThrows(IllegalArgumentException.class, () -> Conditioning.ofWord("x"));
        assertEquals("unknown --conditioning 'x': allowed concat, projection", e.getMessage());
        GanSpec spec = new GanSpec(16, 8, 4, 4);
        assertInstanceOf(Discriminator.class, Conditioning.CONCAT.discriminator(spec));
        assertInstanceOf(ProjectionDiscriminator.class, Conditioning.PROJECTION.discriminator(spec));
    }

    @Test
    void configJsonKeepsTheArchitectureNameAndOldRunsStillRead() throws Exception {
        for (String style : new String[] {"abstract", "flower-painting", "landscape", "portrait"}) {
            Path file = Path.of("training/reports/generator-" + style + "/config.json");
            String stored = Json.MAPPER.readTree(Files.readString(file)).get("architecture").asText();
            GanRunConfig config = Json.read(file, GanRunConfig.class);
            assertEquals(stored, config.conditioning().architecture(), file.toString());
            JsonNode written = Json.MAPPER.readTree(Json.write(config));
            assertEquals(stored, written.get("architecture").asText());
            assertEquals("architecture", written.fieldNames().next(), "still the first field");
            assertTrue(config.architectureSummary().startsWith(stored + " 64px z100 "), config.architectureSummary());
            assertTrue(GanExport.retrainCommand(config).contains(" --conditioning " + config.conditioning().word()
                    + " "), GanExport.retrainCommand(config));
        }
        java.util.Set<Conditioning> shipped = java.util.EnumSet.noneOf(Conditioning.class);
        for (String style : new String[] {"abstract", "flower-painting", "landscape", "portrait"}) {
            shipped.add(Json.read(Path.of("training/reports/generator-" + style + "/config.json"), GanRunConfig.class)
                    .conditioning());
        }
        assertEquals(java.util.EnumSet.allOf(Conditioning.class), shipped, "the shipped runs read as both kinds");
    }
}
