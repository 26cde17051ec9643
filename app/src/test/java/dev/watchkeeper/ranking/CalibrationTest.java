package dev.watchkeeper.ranking;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calibration fitted on a hold-out, pulled toward leaving the model's probabilities as they are. */
class CalibrationTest {

    private static RankModel model() {
        return new RankModel("logistic", List.of("x"), new double[]{0}, new double[]{1}, null, null);
    }

    /** {@code n} rows: the model's raw probability, and an outcome drawn with the true one. */
    private static RankModel calibratedOn(int n, long seed, java.util.function.ToDoubleFunction<Random> model,
                                          java.util.function.DoubleUnaryOperator truth) {
        Random rnd = new Random(seed);
        double[] raw = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            raw[i] = model.applyAsDouble(rnd);
            y[i] = rnd.nextDouble() < truth.applyAsDouble(raw[i]) ? 1 : 0;
        }
        RankModel m = model();
        m.calibrate(raw, y);
        return m;
    }

    @Test
    void aModelThatIsAlreadyCalibratedIsLeftNearlyAsItIs() {
        RankModel m = calibratedOn(4000, 3, rnd -> 1 / (1 + Math.exp(-1.5 * rnd.nextGaussian())), p -> p);
        for (double p : new double[]{0.02, 0.2, 0.5, 0.8}) {
            assertEquals(p, m.calibrated(p), 0.05, "calibrated(" + p + ")");
        }
    }

    @Test
    void anOverconfidentModelIsPulledIn() {
        // The model says 0.9 or 0.1, the truth is 0.6 or 0.4: the calibration must flatten it.
        RankModel m = calibratedOn(40_000, 5, rnd -> rnd.nextBoolean() ? 0.9 : 0.1, p -> p > 0.5 ? 0.6 : 0.4);
        assertEquals(0.6, m.calibrated(0.9), 0.05);
        assertEquals(0.4, m.calibrated(0.1), 0.05);
    }

    @Test
    void aSmallHoldOutCannotSwingTheScale() {
        // Twenty rows that all happened to be acted on: a plain Platt fit would send every score
        // toward 1; the prior keeps a 0.1 from the model well below a coin flip.
        double[] raw = new double[20];
        int[] y = new int[20];
        java.util.Arrays.fill(raw, 0.1);
        java.util.Arrays.fill(y, 1);
        RankModel m = model();
        m.calibrate(raw, y);
        double p = m.calibrated(0.1);
        assertTrue(p > 0.1 && p < 0.5, "calibrated(0.1) = " + p);
        // Order is kept: calibration is monotone.
        assertTrue(m.calibrated(0.3) > m.calibrated(0.1));
    }
}
