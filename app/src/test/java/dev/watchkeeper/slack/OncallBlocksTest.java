package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The buttons of rotation DMs (swap confirmations, shadow guesses), now typed Block Kit, are the same JSON as the
 * hand-built nodes they replaced: no {@code style} when none is given, the value a string, plain-text labels.
 */
class OncallBlocksTest {

    @Test
    void typedButtonsAreTheJsonSlackGotBefore() {
        JsonNode typed = BlockJson.json(List.of(SlackOncallNotifier.buttons(
                SlackOncallNotifier.button(RotationSlack.SWAP_CONFIRM, "Confirm", 7, "primary"),
                SlackOncallNotifier.button(ShadowGuessSlack.GUESS + "_ack", "I would acknowledge", "42|ack", null))));
        JsonNode before = Json.parse("""
                [{"type": "actions", "elements": [
                  {"type": "button", "action_id": "wk_swap_confirm", "text": {"type": "plain_text", "text": "Confirm"},
                   "value": "7", "style": "primary"},
                  {"type": "button", "action_id": "wk_guess_ack",
                   "text": {"type": "plain_text", "text": "I would acknowledge"}, "value": "42|ack"}]}]""");
        assertEquals(before, typed);
    }

    @Test
    void theTextSectionIsEscapedMrkdwnClippedToSlacksLimit() {
        JsonNode section = BlockJson.json(List.of(BlockJson.section(SlackText.escape("swap <@U1> & " + "x".repeat(4000)))));
        assertEquals("section", section.get(0).get("type").asText());
        assertEquals("mrkdwn", section.get(0).get("text").get("type").asText());
        String text = section.get(0).get("text").get("text").asText();
        assertEquals(true, text.startsWith("swap &lt;@U1&gt; &amp; xx"), text);
        assertEquals(true, text.length() <= 3000, "length " + text.length());
    }
}
