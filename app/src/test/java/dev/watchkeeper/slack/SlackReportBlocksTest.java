package dev.watchkeeper.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.view.View;
import dev.watchkeeper.db.report.ReportRow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlackReportBlocksTest {

    static ReportRow report(String body, String state) {
        Instant t = Instant.parse("2026-03-03T09:00:00Z");
        return new ReportRow(7, "shift", state, "ml", null, t.minusSeconds(86_400), t, "alice", List.of("bob"),
                "Shift report: ml", body, body, "alice", t, null, null, "published".equals(state) ? "alice" : null,
                "published".equals(state) ? t : null);
    }

    @Test
    void markdownBecomesHeaderDividersAndMrkdwnSections() {
        List<LayoutBlock> blocks = SlackReportBlocks.blocks(report("""
                # Shift report: ml

                On call: alice (primary).
                **Bold** and a [link](https://example.test/x).

                ## Major issues

                ### #2 TrainingJobFailed on trainer

                - Mon 2 Mar 09:40: alice acted: “told <!channel> & fixed it”
                """, "published"));
        assertEquals("Shift report: ml", ((HeaderBlock) blocks.get(0)).getText().getText());
        List<String> sections = blocks.stream().filter(b -> b instanceof SectionBlock)
                .map(b -> ((SectionBlock) b).getText().getText()).toList();
        assertEquals(List.of(
                "On call: alice (primary).\n*Bold* and a <https://example.test/x|link>.",
                "*Major issues*\n*#2 TrainingJobFailed on trainer*\n\u2022 Mon 2 Mar 09:40: alice acted: “told &lt;!channel&gt; &amp; fixed it”"),
                sections);
        assertEquals(1, blocks.stream().filter(b -> "divider".equals(b.getType())).count());
    }

    @Test
    void draftHasEditAndPublishButtonsCarryingTheReportId() {
        List<LayoutBlock> blocks = SlackReportBlocks.draftBlocks(report("# R\n\nText.\n", "draft"));
        ActionsBlock actions = (ActionsBlock) blocks.getLast();
        List<String> ids = actions.getElements().stream().map(e -> ((ButtonElement) e).getActionId()).toList();
        assertEquals(List.of(SlackReportBlocks.EDIT_ACTION, SlackReportBlocks.PUBLISH_ACTION), ids);
        assertTrue(actions.getElements().stream().allMatch(e -> "7".equals(((ButtonElement) e).getValue())));
    }

    @Test
    void editModalHoldsLongReportsInPartsAndJoinsThemBack() {
        StringBuilder body = new StringBuilder("# Long report\n");
        for (int i = 0; i < 120; i++) {
            body.append("\nParagraph ").append(i).append(": ").append("words ".repeat(8).strip()).append('\n');
        }
        View modal = SlackReportBlocks.editModal(report(body.toString(), "draft"));
        assertEquals(SlackReportBlocks.EDIT_CALLBACK, modal.getCallbackId());
        assertEquals("7", modal.getPrivateMetadata());
        assertTrue(modal.getBlocks().size() > 1, "over 3,000 characters takes several inputs");
        Map<String, String> submitted = new LinkedHashMap<>();
        for (LayoutBlock b : modal.getBlocks()) {
            InputBlock in = (InputBlock) b;
            String value = ((PlainTextInputElement) in.getElement()).getInitialValue();
            assertFalse(value.length() > 3000);
            submitted.put(in.getBlockId(), value);
        }
        assertEquals(body.toString(), SlackReportBlocks.editedText(submitted));
    }
}
