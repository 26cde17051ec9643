package dev.watchkeeper.slack;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlackTextAndManifestTest {

    @Test
    void escapingNeutralisesMentionsBroadcastsAndLinks() {
        assertEquals("&lt;!channel&gt; &lt;@U123&gt; &lt;https://x|y&gt; a &amp;amp; b",
                SlackText.escape("<!channel> <@U123> <https://x|y> a &amp; b"));
        assertEquals("", SlackText.escape(null));
        // A link label from an alert is escaped, and a hostile URL cannot close the link early.
        assertEquals("<https://grafana/d?a=1&amp;b=%7C%3E|&lt;!here&gt;>", SlackText.link("https://grafana/d?a=1&b=|>", "<!here>"));
        assertEquals("runbook javascript:alert(1)", SlackText.link("javascript:alert(1)", "runbook"));
    }

    @Test
    void durationsAndItemIdsParseOrNameTheProblem() {
        // The same parsers the command line uses (core.Durations, the item commands' ID converter).
        assertEquals(Duration.ofMinutes(90), dev.watchkeeper.core.Durations.parse("duration", "90m"));
        assertEquals(Duration.ofDays(14), dev.watchkeeper.core.Durations.parse("duration", "2w"));
        assertEquals(42, new dev.watchkeeper.triage.ItemCommand.ItemId().convert("#42"));
        assertEquals(42, TriageCommand.itemId("#42"));
        assertThrows(dev.watchkeeper.core.BadInputException.class, () -> dev.watchkeeper.core.Durations.parse("duration", "0h"));
        assertThrows(picocli.CommandLine.TypeConversionException.class,
                () -> new dev.watchkeeper.triage.ItemCommand.ItemId().convert("forty"));
        assertThrows(dev.watchkeeper.core.BadInputException.class, () -> TriageCommand.itemId("forty"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theManifestDeclaresWhatTheAppHandles() throws IOException {
        Path manifest = Path.of("..", "slack-app-manifest.yml");
        Map<String, Object> m = new Yaml().load(Files.readString(manifest));
        Map<String, Object> features = (Map<String, Object>) m.get("features");
        List<Map<String, Object>> commands = (List<Map<String, Object>>) features.get("slash_commands");
        assertEquals("/triage", commands.getFirst().get("command"));
        assertTrue(commands.getFirst().get("url").toString().endsWith("/slack/events"));
        List<Map<String, Object>> shortcuts = (List<Map<String, Object>>) features.get("shortcuts");
        assertEquals(TriageSlack.SHORTCUT, shortcuts.getFirst().get("callback_id"));
        Map<String, Object> settings = (Map<String, Object>) m.get("settings");
        Map<String, Object> events = (Map<String, Object>) settings.get("event_subscriptions");
        assertTrue(((List<String>) events.get("bot_events")).contains("app_home_opened"));
        assertTrue(((Map<String, Object>) settings.get("interactivity")).get("request_url").toString().endsWith("/slack/events"));
        List<String> scopes = (List<String>) ((Map<String, Object>) ((Map<String, Object>) m.get("oauth_config"))
                .get("scopes")).get("bot");
        assertTrue(scopes.containsAll(List.of("chat:write", "commands")), scopes.toString());
    }
}
