package dev.watchkeeper.playbook;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matching rule: most specific first, deterministic whatever the load order. */
class PlaybookSetTest {

    private final PlaybookParser parser = new PlaybookParser();

    private Playbook book(String name, String alerts, String match) {
        String text = "---\nalerts: " + alerts + "\n" + (match == null ? "" : "match: " + match + "\n") + "owner: x\n---\n"
                + PlaybookParserTest.body(name);
        PlaybookParser.Result r = parser.parse(name + ".md", name, text);
        assertEquals(List.of(), r.problems());
        return r.playbook();
    }

    private String winner(List<Playbook> books, String alertname, Map<String, String> labels) {
        return new PlaybookSet(books, List.of(), List.of(), Instant.EPOCH).match(alertname, labels)
                .map(m -> m.playbook().name()).orElse("none");
    }

    @Test
    void exactNameBeatsGlobBeatsCatchAllEvenWithFewerMatchers() {
        Playbook exact = book("Exact", "[FeatureNullRateHigh]", null);
        Playbook glob = book("Glob", "[\"Feature*\"]", "[service=ranker]");
        Playbook any = book("Any", "[\"*\"]", "[service=ranker, env=prod]");
        Map<String, String> labels = Map.of("service", "ranker", "env", "prod");
        assertEquals("Exact", winner(List.of(any, glob, exact), "FeatureNullRateHigh", labels));
        assertEquals("Glob", winner(List.of(any, glob), "FeatureNullRateHigh", labels));
        assertEquals("Any", winner(List.of(any), "FeatureNullRateHigh", labels));
        assertEquals("Glob", winner(List.of(any, glob, exact), "FeatureDrift", labels));
    }

    @Test
    void moreMatchersThenEqualityThenLongerGlobWin() {
        Playbook plain = book("Plain", "[Drift]", null);
        Playbook one = book("One", "[Drift]", "[\"env=~prod|staging\"]");
        Playbook oneEq = book("OneEq", "[Drift]", "[env=prod]");
        Playbook two = book("Two", "[Drift]", "[\"env=~prod|staging\", \"team!=data\"]");
        Map<String, String> prod = Map.of("env", "prod");
        assertEquals("Two", winner(List.of(plain, one, oneEq, two), "Drift", prod));
        assertEquals("OneEq", winner(List.of(plain, one, oneEq), "Drift", prod), "equality is more specific than a regex");
        assertEquals("One", winner(List.of(plain, one), "Drift", prod));
        assertEquals("Plain", winner(List.of(plain, one, oneEq, two), "Drift", Map.of("env", "dev")));

        Playbook shortGlob = book("Short", "[\"Feature*\"]", null);
        Playbook longGlob = book("Long", "[\"FeatureNull*\"]", null);
        assertEquals("Long", winner(List.of(shortGlob, longGlob), "FeatureNullRateHigh", Map.of()));
    }

    @Test
    void aFailingMatcherRulesAPlaybookOutAndSaysWhy() {
        Playbook ranker = book("Ranker", "[Drift]", "[service=ranker, team!=data]");
        Playbook plain = book("Plain", "[Drift]", null);
        PlaybookSet set = new PlaybookSet(List.of(ranker, plain), List.of(), List.of(), Instant.EPOCH);
        var m = set.match("Drift", Map.of("service", "ranker", "team", "data")).orElseThrow();
        assertEquals("Plain", m.playbook().name());
        PlaybookSet.Candidate rejected = m.candidates().get(1);
        assertFalse(rejected.matches());
        assertEquals("exact name 'Drift'; 2 matchers: service=ranker ✓ (service=ranker), team!=data ✗ (team=data)", rejected.why());
        assertTrue(set.match("Other", Map.of()).isEmpty(), "no playbook covers an unknown name without a catch-all");
    }

    @Test
    void tiesGoToTheFileNameWhateverTheLoadOrder() {
        List<Playbook> books = new ArrayList<>(List.of(book("Beta", "[X]", "[env=prod]"), book("Alpha", "[X]", "[team=ml]"),
                book("Gamma", "[X]", "[env=prod]"), book("Delta", "[\"X*\"]", "[env=prod, team=ml]")));
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(books, random);
            assertEquals("Alpha", winner(books, "X", Map.of("env", "prod", "team", "ml")));
            assertEquals("Beta", winner(books, "X", Map.of("env", "prod")));
        }
    }

    @Test
    void alertnameIsALabelMatchersCanUse() {
        Playbook byLabel = book("ByLabel", "[\"*\"]", "[\"alertname=~Serving.*\"]");
        Playbook any = book("Any", "[\"*\"]", null);
        assertEquals("ByLabel", winner(List.of(any, byLabel), "ServingLatencyHigh", Map.of()));
        assertEquals("Any", winner(List.of(any, byLabel), "FeatureDrift", Map.of()));
    }
}
