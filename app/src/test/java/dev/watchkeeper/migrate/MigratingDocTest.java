package dev.watchkeeper.migrate;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/migrating.md's mapping table is the code's, row for row, and its example paths exist. */
class MigratingDocTest {

    static final Path DOC = Path.of("../docs/migrating.md");

    @Test
    void theMappingTableIsTheDefaults() throws Exception {
        List<String> doc = new ArrayList<>();
        for (String line : Files.readAllLines(DOC)) {
            if (line.matches("\\| (grafana-oncall|opsgenie|pagerduty) \\|.*")) {
                doc.add(line);
            }
        }
        List<String> code = new ArrayList<>();
        for (Tool t : List.of(Tool.GRAFANA_ONCALL, Tool.OPSGENIE, Tool.PAGERDUTY)) {
            for (DecisionMap.Row r : DecisionMap.defaults(t)) {
                code.add("| " + t.id() + " | `" + r.state() + "` | " + r.decision() + " | " + r.meaning() + " |");
            }
        }
        assertEquals(code, doc);
    }

    @Test
    void theExampleFilesExist() throws Exception {
        String text = Files.readString(DOC);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("app/src/test/resources/migrate/[A-Za-z0-9_./-]+").matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
            assertTrue(Files.exists(Path.of("..").resolve(m.group())), m.group());
        }
        assertTrue(n >= 6, "example paths: " + n);
    }
}
