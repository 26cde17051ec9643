package dev.watchkeeper.ranking;

import dev.watchkeeper.core.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The threshold for a recall target, a page budget, and the figures in people's terms, on rows worked by hand. */
class PagingStatementTest {

    // Ten rows over ten days: four acted on (scores 0.9, 0.8, 0.6, 0.2), six not.
    static final double[] P = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05};
    static final int[] Y = {1, 1, 0, 1, 0, 0, 0, 1, 0, 0};
    static final double[] RATE = {0.5, 0.1, 0.5, 0.1, 0.5, 0.1, 0.5, 0.5, 0.1, 0.1};
    static final long[] T = new long[10];

    static {
        for (int i = 0; i < T.length; i++) {
            T[i] = i * Features.DAY;
        }
    }

    @Test
    void theThresholdCatchesTheTargetAndTheFiguresFollow() {
        // 75% of four acted-on rows: three, the lowest of them at 0.6.
        PagingStatement s = PagingStatement.choose(P, RATE, Y, T, 0.75, 0);
        assertEquals(0.6, s.threshold());
        assertEquals(0.75, s.recall());
        assertEquals(0.4, s.pagedShare());           // 0.9, 0.8, 0.7, 0.6
        assertEquals(5 / 6.0, s.quietNoiseShare());  // all non-acted but 0.7
        assertEquals(4 / 9.0, s.pagesPerDay(), 1e-12); // rows span nine days
        assertFalse(s.budgetBinds());
        // The rate policy for the same target: acted-on rates 0.5, 0.1, 0.1, 0.5 -> threshold 0.1, pages all.
        assertEquals(0.1, s.rateThreshold());
        assertEquals(1.0, s.ratePagedShare());
        assertEquals(0.0, s.rateQuietNoiseShare());
        assertTrue(s.inPeopleTerms().startsWith("pages about 40% of alerts (about 0.4 a day), keeps 83% of the alerts "
                + "nobody acted on quiet and catches 75% of the acted-on ones (measured on 10 occurrences"), s.inPeopleTerms());
    }

    @Test
    void aBudgetRaisesTheThresholdAndSaysWhichRecallItImplies() {
        // 0.2 pages a day over nine days: at most one page.
        PagingStatement s = PagingStatement.choose(P, RATE, Y, T, 0.75, 0.2);
        assertTrue(s.budgetBinds());
        assertEquals(1, PagingStatement.count(P, s.threshold()));
        assertEquals(0.25, s.recall());
        assertEquals(0.6, s.recallThreshold());
        assertTrue(s.inPeopleTerms().contains("the page budget of 0.2 a day wins over the 75% recall target (which would "
                + "page about 0.4 a day): it catches 25% of acted-on alerts instead of 75%"), s.inPeopleTerms());
        // A budget the target already meets changes nothing.
        assertFalse(PagingStatement.choose(P, RATE, Y, T, 0.75, 10).budgetBinds());
    }

    @Test
    void theStatementSurvivesTheRegistrysJson() {
        PagingStatement s = PagingStatement.choose(P, RATE, Y, T, 0.75, 0.2);
        String json = Json.write(Map.of("paging", s.toMap()));
        PagingStatement back = PagingStatement.fromMetrics(json).orElseThrow();
        assertEquals(s.threshold(), back.threshold());
        assertEquals(s.inPeopleTerms(), back.inPeopleTerms());
        assertTrue(PagingStatement.fromMetrics("{\"chosen\": \"gbt\"}").isEmpty(), "versions stored before it have none");
    }
}
