package dev.watchkeeper.knowledge;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** An alert name that tries to break out of the generated playbook's front matter reads back as itself. */
class PlaybookYamlInjectionTest {

    @Test
    void namesWithNewlinesQuotesAndDashesStayOneValue() {
        for (String name : List.of("Evil\nowner: mallory\n---\n# Pwned", "a: b", "- x", "'quoted' \"too\"", "#comment",
                "!!python/object:os.system", "*alias", "trailing \\", "tab\there", "\u0085next")) {
            String text = PlaybookDrafter.newPlaybook(name, PlaybookDrafter.section(Map.of()));
            int end = text.indexOf("\n---\n", 4);
            Object front = new Yaml(new SafeConstructor(new LoaderOptions())).load(text.substring(4, end));
            assertEquals(Map.of("alerts", List.of(name)), front, text);
            assertEquals(name, PlaybookDrafter.alertsOf(text).getFirst(), text);
            String heading = text.lines().filter(l -> l.startsWith("# ")).findFirst().orElseThrow();
            assertFalse(heading.contains("Pwned") && !heading.contains("Evil"), heading);
        }
    }
}
