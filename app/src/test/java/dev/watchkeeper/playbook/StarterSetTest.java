package dev.watchkeeper.playbook;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The playbooks shipped in the repository's {@code playbooks/} folder pass lint and match their own alerts. */
class StarterSetTest {

    /** Tests run in the app module's folder. */
    static final Path STARTER = Path.of("..", "playbooks");

    static final List<String> FAMILIES = List.of("FeatureNullRateHigh", "FeatureValueOutOfBounds", "SchemaCheckFailed",
            "FeatureDataStale", "TrainingDataVolumeDrop", "PredictionDistributionDrift", "FeatureDrift",
            "ModelMetricBelowSLO", "TrainingJobFailed", "LabelDelayHigh", "ServingLatencyHigh", "ServingErrorRateHigh",
            "FallbackModelServing", "BatchScoringJobLate", "AnnotationQueueBacklog");

    @Test
    void everyStarterPlaybookPassesLint() {
        assertTrue(Files.isDirectory(STARTER), STARTER.toAbsolutePath().toString());
        PlaybookSet set = new PlaybookLoader().load(STARTER, Instant.EPOCH);
        assertEquals(List.of(), set.problems().stream().map(Problem::toString).toList());
        List<String> names = set.playbooks().stream().map(Playbook::name).toList();
        assertTrue(names.containsAll(FAMILIES), names.toString());
        assertTrue(names.contains("AnyAlert"), "a catch-all so that every alert finds a playbook");
    }

    @Test
    void everyFamilyIsMatchedByItsOwnPlaybookWithAMitigationSummary() {
        PlaybookSet set = new PlaybookLoader().load(STARTER, Instant.EPOCH);
        for (Playbook p : set.playbooks()) {
            assertFalse(p.mitigationSummary().isEmpty(), p.name() + " has no mitigation summary");
            assertTrue(p.body().contains("<"), p.name() + " should give commands with <placeholders>");
            for (String alert : p.alerts()) {
                if (alert.contains("*") || alert.contains("?")) {
                    continue;
                }
                assertEquals(p.name(), set.match(alert, Map.of("env", "prod")).orElseThrow().playbook().name(), alert);
            }
        }
        assertEquals("AnyAlert", set.match("SomethingNobodyWroteUp", Map.of()).orElseThrow().playbook().name());
    }
}
