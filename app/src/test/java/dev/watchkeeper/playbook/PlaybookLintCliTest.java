package dev.watchkeeper.playbook;

import dev.watchkeeper.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watchkeeper playbooks lint|match|list} through the real command line. */
class PlaybookLintCliTest {

    static final String BROKEN = """
            ---
            alerts: [FeatureNullRateHigh, "bad name"]
            owner: team-ml
            severity: urgent
            match: [service=ranker, "env=~prod(", team data]
            gaurdrails:
              always_page: true
            guardrails:
              always_page: maybe
              quiet_during:
                - from: "25:00"
                  to: "04:00"
                  zone: Mars/Olympus
            slo: {metric: accuracy, target: high}
            ---
            # SomethingElse

            ## Meaning

            Text.

            ## Mitigation

            """;

    /** What lint says about {@link #BROKEN}, after "file:". */
    static final List<String> BROKEN_PROBLEMS = List.of(
            "2: alerts: 'bad name' is not an alert name or glob (letters, digits, _ : . - * ?)",
            "4: severity: must be one of critical, error, warning, info; was 'urgent'",
            "5: match: matcher 'env=~prod(': invalid regex: Unclosed group",
            "5: match: matcher 'team data' is not label=value, label!=value, label=~regex or label!~regex",
            "6: unknown key 'gaurdrails' (expected one of alerts, match, owner, severity, group_by, known_noise, guardrails, slo, links)",
            "9: guardrails.always_page: must be true, false or a list of label matchers; was 'maybe'",
            "11: guardrails.quiet_during: 'name' is required, e.g. 'weekly feature-store maintenance'",
            "11: guardrails.quiet_during.from: '25:00' is not a time of day such as \"02:00\"",
            "13: guardrails.quiet_during.zone: 'Mars/Olympus' is not a time zone such as Europe/Berlin or UTC",
            "14: slo.target: must be a number; was 'high'",
            "16: H1 'SomethingElse' must be the alert name, the same as the file name 'broken'",
            "16: missing section '## Impact'",
            "16: missing section '## Diagnosis'",
            "22: section 'Mitigation' is empty");

    @TempDir
    Path dir;

    @Test
    void lintListsEveryProblemAsFileLineAndExitsNonZero() throws IOException {
        Path books = Files.createDirectory(dir.resolve("books"));
        Files.writeString(books.resolve("broken.md"), BROKEN);
        Files.writeString(books.resolve("Good.md"), "---\nalerts: [Good]\nowner: x\n---\n" + PlaybookParserTest.body("Good"));
        Files.writeString(books.resolve("README.md"), "not a playbook");

        Cli.Result r = Cli.run(dir.resolve("wk.db"), "playbooks", "lint", books.toString());

        List<String> expected = new ArrayList<>();
        BROKEN_PROBLEMS.forEach(p -> expected.add(books.resolve("broken.md") + ":" + p));
        expected.add("2 files checked, 1 ok, 14 problems");
        assertEquals(expected, r.out().lines().toList());
        assertEquals(1, r.exitCode());
    }

    @Test
    void lintOfAGoodFolderExitsZero() throws IOException {
        Files.writeString(dir.resolve("Good.md"), "---\nalerts: [Good]\nowner: x\n---\n" + PlaybookParserTest.body("Good"));
        Cli.Result r = Cli.run(dir.resolve("wk.db"), "playbooks", "lint", dir.toString());
        assertEquals("1 file checked, 1 ok, 0 problems", r.out().strip());
        assertEquals(0, r.exitCode());
    }

    @Test
    void lintOfAMissingFolderSaysSo() {
        Cli.Result r = Cli.run(dir.resolve("wk.db"), "playbooks", "lint", dir.resolve("nope").toString());
        assertEquals(2, r.exitCode());
        assertEquals("error: DIR: '" + dir.resolve("nope") + "' is not a folder (set WATCHKEEPER_PLAYBOOKS_DIR or give one)",
                r.err().strip());
    }

    @Test
    void matchShowsTheWinnerAndWhyFromLabelsOrAJsonFile() throws IOException {
        Files.writeString(dir.resolve("AnyAlert.md"), "---\nalerts: [\"*\"]\nowner: on-call\n---\n" + PlaybookParserTest.body("AnyAlert"));
        Files.writeString(dir.resolve("FeatureNullRateHigh.md"), """
                ---
                alerts: [FeatureNullRateHigh]
                owner: features
                guardrails:
                  never_page: [env=staging]
                ---
                """ + PlaybookParserTest.body("FeatureNullRateHigh"));
        Files.writeString(dir.resolve("RankerNulls.md"), """
                ---
                alerts: [FeatureNullRateHigh]
                match: [service=ranker, team!=data]
                owner: ranking
                ---
                """ + PlaybookParserTest.body("RankerNulls"));

        Cli.Result r = Cli.run(dir.resolve("wk.db"), "playbooks", "match", "--dir", dir.toString(),
                "--alertname", "FeatureNullRateHigh", "--label", "service=ranker", "--label", "env=staging",
                "--at", "2026-03-02T09:00:00Z");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("playbook: RankerNulls (" + dir.resolve("RankerNulls.md") + ", owner ranking)", lines.get(1));
        assertEquals("why:      exact name 'FeatureNullRateHigh'; 2 matchers: service=ranker ✓ (service=ranker), "
                + "team!=data ✓ (team absent); more specific than FeatureNullRateHigh, AnyAlert", lines.get(2));
        assertEquals("  guardrail:   none applies; the score decides", lines.get(4));
        assertTrue(lines.contains("  ✓ AnyAlert: catch-all '*'; no label matchers"), r.out());

        Path alert = dir.resolve("alert.json");
        Files.writeString(alert, "{\"labels\": {\"alertname\": \"FeatureNullRateHigh\", \"service\": \"ranker\", \"team\": \"data\", \"env\": \"staging\"}}");
        Cli.Result fromFile = Cli.run(dir.resolve("wk.db"), "playbooks", "match", "--dir", dir.toString(), alert.toString(),
                "--at", "2026-03-02T09:00:00Z");
        List<String> out = fromFile.out().lines().toList();
        assertEquals("playbook: FeatureNullRateHigh (" + dir.resolve("FeatureNullRateHigh.md") + ", owner features)", out.get(1));
        assertEquals("  guardrail:   playbook FeatureNullRateHigh: never_page (env=staging)", out.get(4));
        assertTrue(out.contains("  ✗ RankerNulls: exact name 'FeatureNullRateHigh'; 2 matchers: service=ranker ✓ (service=ranker), "
                + "team!=data ✗ (team=data)"), fromFile.out());
    }

    @Test
    void matchWithoutAnAlertNameIsABadInput() throws IOException {
        Files.writeString(dir.resolve("AnyAlert.md"), "---\nalerts: [\"*\"]\nowner: on-call\n---\n" + PlaybookParserTest.body("AnyAlert"));
        Cli.Result r = Cli.run(dir.resolve("wk.db"), "playbooks", "match", "--dir", dir.toString(), "--label", "service=x");
        assertEquals(2, r.exitCode());
        assertEquals("error: alertname: is required: give --alertname NAME or --label alertname=NAME", r.err().strip());
    }

    @Test
    void listShowsThePlaybooksAndTheirRules() throws IOException {
        Files.writeString(dir.resolve("Only.md"), "---\nalerts: [Only, \"Only*\"]\nowner: team-x\nguardrails:\n  never_page: true\n---\n"
                + PlaybookParserTest.body("Only"));
        Cli.Result r = Cli.run(dir.resolve("wk.db"), "playbooks", "list", "--dir", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\| Only +\\| Only, Only\\* +\\| +\\| team-x +\\| never_page +\\|")), r.out());
        assertTrue(r.out().contains("1 playbook in " + dir), r.out());
    }

    @Test
    void noMatchExitsOne() throws IOException {
        Files.writeString(dir.resolve("Only.md"), "---\nalerts: [Only]\nowner: x\n---\n" + PlaybookParserTest.body("Only"));
        Cli.Result r = Cli.run(dir.resolve("wk.db"), "playbooks", "match", "--dir", dir.toString(), "--alertname", "Other");
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("playbook: none — no playbook's alerts cover 'Other' with these labels"), r.out());
    }
}
