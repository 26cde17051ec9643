package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.Gson;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.util.json.GsonFactory;
import dev.watchkeeper.core.Json;

import java.util.List;

import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

/**
 * Block Kit is built one way: with the SDK's typed {@code Blocks}, {@code BlockElements} and
 * {@code BlockCompositions}. This turns the typed blocks into the JSON the outbox stores (the SDK's own Gson,
 * snake_case) and holds the three text blocks every message uses, clipped to Slack's limits.
 */
public final class BlockJson {

    private static final Gson GSON = GsonFactory.createSnakeCase();

    private BlockJson() {
    }

    public static ArrayNode json(List<? extends LayoutBlock> blocks) {
        return (ArrayNode) Json.parse(GSON.toJson(blocks));
    }

    public static ObjectNode json(Object typed) {
        return (ObjectNode) Json.parse(GSON.toJson(typed));
    }

    /** A mrkdwn section ({@code mrkdwn} already escaped); Slack takes at most 3,000 characters. */
    public static SectionBlock section(String mrkdwn) {
        return com.slack.api.model.block.Blocks.section(s -> s.text(markdownText(SlackText.clip(mrkdwn, 3000))));
    }

    public static ContextBlock context(String mrkdwn) {
        return com.slack.api.model.block.Blocks.context(c -> c.elements(List.of(markdownText(SlackText.clip(mrkdwn, 3000)))));
    }

    /** A header: plain text, at most 150 characters. */
    public static HeaderBlock header(String plain) {
        return com.slack.api.model.block.Blocks.header(h -> h.text(plainText(SlackText.clip(plain, 150))));
    }
}
