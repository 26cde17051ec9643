package dev.watchkeeper.playbook;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaybookParserTest {

    static final String GOOD = """
            ---
            alerts: [FeatureNullRateHigh, "FeatureNull*"]
            match: ["service=ranker", "env=~prod|staging", "team!=data", "tier!~offline|batch"]
            owner: ranking-team
            severity: critical
            group_by: [alertname, service, feature]
            known_noise:
              - reason: nightly backfill
                window: {from: "01:00", to: "03:00", zone: Europe/Berlin, days: [mon-fri]}
              - reason: shadow traffic
                match: [env=shadow]
            guardrails:
              always_page: [env=prod]
              never_page: false
              quiet_during:
                - name: feature-store maintenance
                  days: [sun]
                  from: 02:00
                  to: 04:00
                  zone: Europe/Berlin
                - name: warehouse migration
                  start: 2026-03-14T22:00:00Z
                  end: 2026-03-15 06:00
            slo: {metric: null rate, target: 0.01, window: 1d}
            links:
              - https://grafana.example.com/d/fs
              - {title: Contract, url: "https://git.example.com/contracts/user_age.yaml"}
            ---
            # FeatureNullRateHigh

            ## Meaning

            The null rate is high.

            ## Impact

            Predictions use defaults.

            ## Diagnosis

            Run `SELECT 1`.

            ## Mitigation

            - Switch to the **fallback** model when the null rate is above 20%.
            - Rerun the day:
              `airflow dags backfill <dag>`
            - Revert the change.
            - A fourth bullet that the summary leaves out.

            ## Known noise

            Backfills.
            """;

    private final PlaybookParser parser = new PlaybookParser();

    @Test
    void readsEveryFrontMatterField() {
        PlaybookParser.Result r = parser.parse("FeatureNullRateHigh.md", "FeatureNullRateHigh", GOOD);
        assertEquals(List.of(), r.problems());
        Playbook p = r.playbook();
        assertEquals(List.of("FeatureNullRateHigh", "FeatureNull*"), p.alerts());
        assertEquals(List.of("service=ranker", "env=~prod|staging", "team!=data", "tier!~offline|batch"),
                p.match().stream().map(LabelMatcher::toString).toList());
        assertEquals("ranking-team", p.owner());
        assertEquals("critical", p.severity());
        assertEquals(List.of("alertname", "service", "feature"), p.groupBy());

        assertEquals(2, p.knownNoise().size());
        TimeWindow batch = p.knownNoise().getFirst().window();
        assertEquals(LocalTime.of(1, 0), batch.from());
        assertEquals(ZoneId.of("Europe/Berlin"), batch.zone());
        assertEquals(Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), batch.days());
        assertEquals("shadow traffic", p.knownNoise().get(1).reason());
        assertEquals("env=shadow", p.knownNoise().get(1).match().getFirst().toString());

        assertEquals("env=prod", p.guardrails().alwaysPage().getFirst().toString());
        assertNull(p.guardrails().neverPage(), "never_page: false is absent");
        assertEquals(2, p.guardrails().quietDuring().size());
        // Unquoted 02:00 is read as the text it is (YAML 1.1 would make it the number 120).
        assertEquals(LocalTime.of(2, 0), p.guardrails().quietDuring().getFirst().window().from());
        TimeWindow migration = p.guardrails().quietDuring().get(1).window();
        assertEquals(Instant.parse("2026-03-14T22:00:00Z"), migration.start());
        assertEquals(Instant.parse("2026-03-15T06:00:00Z"), migration.end(), "a local date-time without zone is UTC");

        assertEquals(new Playbook.Slo("null rate", 0.01, "1d"), p.slo());
        assertEquals(List.of(new Playbook.Link("https://grafana.example.com/d/fs", "https://grafana.example.com/d/fs"),
                new Playbook.Link("Contract", "https://git.example.com/contracts/user_age.yaml")), p.links());
    }

    @Test
    void splitsTheBodyIntoSectionsAndSummarisesMitigation() {
        Playbook p = parser.parse("FeatureNullRateHigh.md", "FeatureNullRateHigh", GOOD).playbook();
        assertEquals(List.of("Meaning", "Impact", "Diagnosis", "Mitigation", "Known noise"), List.copyOf(p.sections().keySet()));
        assertEquals("Run `SELECT 1`.", p.section("diagnosis").orElseThrow());
        assertEquals("Backfills.", p.section("Known noise").orElseThrow());
        assertEquals(List.of("Switch to the fallback model when the null rate is above 20%.",
                "Rerun the day: `airflow dags backfill <dag>`", "Revert the change."), p.mitigationSummary());
    }

    @Test
    void mitigationWithoutAListIsSummarisedByItsFirstParagraph() {
        String text = GOOD.substring(0, GOOD.indexOf("## Mitigation")) + "## Mitigation\n\nRoll back the\nlast deploy.\n\nThen wait.\n";
        Playbook p = parser.parse("FeatureNullRateHigh.md", "FeatureNullRateHigh", text).playbook();
        assertEquals(List.of("Roll back the last deploy."), p.mitigationSummary());
    }

    @Test
    void everyProblemIsReportedWithItsLine() {
        String broken = PlaybookLintCliTest.BROKEN;
        PlaybookParser.Result r = parser.parse("broken.md", "broken", broken);
        assertNull(r.playbook(), "a broken file is never half-loaded");
        assertEquals(PlaybookLintCliTest.BROKEN_PROBLEMS.stream().map(l -> "broken.md:" + l).toList(),
                r.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void yamlSyntaxErrorsPointAtTheirLine() {
        String text = "---\nowner: x\nalerts: [A, B\nmatch: []\n---\n# A\n";
        List<Problem> problems = parser.parse("a.md", "A", text).problems();
        assertEquals(1, problems.stream().filter(p -> p.message().startsWith("invalid YAML")).count(), problems.toString());
        Problem yaml = problems.stream().filter(p -> p.message().startsWith("invalid YAML")).findFirst().orElseThrow();
        assertTrue(yaml.line() >= 3 && yaml.line() <= 5, yaml.toString());
    }

    @Test
    void missingFrontMatterAndMissingRequiredKeys() {
        assertEquals(List.of(new Problem("a.md", 1, "must start with '---' and YAML front matter (alerts, owner, ...)")),
                parser.parse("a.md", "A", "# A\n\n## Meaning\n").problems());
        assertEquals(List.of(new Problem("a.md", 1, "front matter is not closed: add a line '---' after it")),
                parser.parse("a.md", "A", "---\nowner: x\n").problems());
        assertEquals(List.of(new Problem("a.md", 2, "alerts: must list at least one alert name or glob")),
                parser.parse("a.md", "A", "---\nalerts: []\nowner: x\nseverity: urgent\n---\n" + body("A")).problems().subList(0, 1));
        List<String> missing = parser.parse("a.md", "A", "---\nseverity: info\n---\n" + body("A")).problems()
                .stream().map(Problem::toString).toList();
        assertEquals(List.of("a.md:2: 'alerts' is required: the alert names or globs this playbook covers",
                "a.md:2: 'owner' is required: the team or person who keeps this playbook and the alert"), missing);
    }

    @Test
    void conflictingAndMalformedGuardrails() {
        String text = """
                ---
                alerts: [A]
                owner: x
                guardrails:
                  always_page: true
                  never_page: yes
                  quiet_during:
                    - name: both kinds
                      start: 2026-03-14T22:00:00Z
                      from: "01:00"
                    - name: backwards
                      start: 2026-03-15T22:00:00Z
                      end: 2026-03-14T22:00:00Z
                    - name: bad day
                      days: [funday]
                      from: "01:00"
                      to: "02:00"
                known_noise:
                  - window: {from: "01:00", to: "02:00"}
                  - reason: nothing to go on
                ---
                """ + body("A");
        List<String> problems = parser.parse("a.md", "A", text).problems().stream().map(Problem::toString).toList();
        assertEquals(List.of(
                "a.md:6: guardrails: always_page and never_page both apply to every alert; keep one, or give one of them label matchers",
                "a.md:8: guardrails.quiet_during: use either start/end (one-off) or from/to/days (recurring), not both",
                "a.md:13: guardrails.quiet_during.end: must be after start",
                "a.md:15: guardrails.quiet_during.days: 'funday' is not a day (mon..sun), a range (mon-fri), weekdays or weekends",
                "a.md:19: known_noise: 'reason' is required: say why it is noise, e.g. 'nightly backfill rewrites partitions'",
                "a.md:20: known_noise: needs a 'window' (hours in a time zone, e.g. a batch window) or 'match' (label values), or both"),
                problems);
    }

    @Test
    void duplicateKeysAndSectionsAreProblems() {
        String text = "---\nalerts: [A]\nowner: x\nowner: y\n---\n" + body("A") + "\n## Impact\n\nAgain.\n";
        List<String> problems = parser.parse("a.md", "A", text).problems().stream().map(Problem::toString).toList();
        assertEquals(List.of("a.md:4: key 'owner' appears twice", "a.md:24: section 'Impact' appears twice"), problems);
    }

    @Test
    void noiseRuleNeedsBothWindowAndLabelsWhenBothAreGiven() {
        Playbook p = parser.parse("FeatureNullRateHigh.md", "FeatureNullRateHigh", GOOD.replace(
                "    match: [env=shadow]", "    match: [env=shadow]\n    window: {from: \"00:00\", to: \"06:00\"}"))
                .playbook();
        Playbook.NoiseRule rule = p.knownNoise().get(1);
        assertTrue(rule.applies(Map.of("env", "shadow"), Instant.parse("2026-03-02T05:00:00Z")));
        assertFalse(rule.applies(Map.of("env", "shadow"), Instant.parse("2026-03-02T07:00:00Z")));
        assertFalse(rule.applies(Map.of("env", "prod"), Instant.parse("2026-03-02T05:00:00Z")));
    }

    static String body(String name) {
        return "# " + name + "\n\n## Meaning\n\nm\n\n## Impact\n\ni\n\n## Diagnosis\n\nd\n\n## Mitigation\n\n- fix it\n";
    }
}
