package dev.watchkeeper.ranking;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricsTest {

    @Test
    void aucOfPerfectReversedAndTiedOrderings() {
        int[] y = {0, 0, 1, 1};
        assertEquals(1.0, Metrics.auc(new double[]{0.1, 0.2, 0.8, 0.9}, y));
        assertEquals(0.0, Metrics.auc(new double[]{0.9, 0.8, 0.2, 0.1}, y));
        assertEquals(0.5, Metrics.auc(new double[]{0.5, 0.5, 0.5, 0.5}, y));
        assertEquals(0.75, Metrics.auc(new double[]{0.1, 0.6, 0.5, 0.9}, y));
    }

    @Test
    void tiesAtTheCutAreCountedByTheirExpectation() {
        // Top 2 of 4 where all tie: expected 1 of the 2 positives.
        assertEquals(0.5, Metrics.recallAtTop(new double[]{1, 1, 1, 1}, new int[]{1, 0, 1, 0}, 0.5));
        assertEquals(1.0, Metrics.recallAtTop(new double[]{0.9, 0.1, 0.8, 0.2}, new int[]{1, 0, 1, 0}, 0.5));
    }

    @Test
    void thresholdCatchesTheRecallTarget() {
        double[] p = {0.9, 0.8, 0.7, 0.3, 0.2, 0.1};
        int[] y = {1, 0, 1, 1, 0, 0};
        assertEquals(0.3, Metrics.thresholdForRecall(p, y, 0.95));
        assertEquals(0.7, Metrics.thresholdForRecall(p, y, 0.6));
        // A recall of nothing asks for no page (it used to read past the end of the array).
        assertEquals(Double.POSITIVE_INFINITY, Metrics.thresholdForRecall(p, y, 0.0));
    }
}
