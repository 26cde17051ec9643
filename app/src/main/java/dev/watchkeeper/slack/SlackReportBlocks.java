package dev.watchkeeper.slack;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import dev.watchkeeper.db.report.ReportRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;
import static dev.watchkeeper.slack.SlackText.escape;

/**
 * A report as Slack Block Kit blocks, made from its Markdown (drafted or edited), so what a person edited is
 * what Slack shows. Also the draft's Edit and Publish buttons and the Edit modal.
 */
public final class SlackReportBlocks {

    public static final String EDIT_ACTION = "report_edit";
    public static final String PUBLISH_ACTION = "report_publish";
    public static final String EDIT_CALLBACK = "report_edit_submit";
    public static final String BODY_BLOCK_PREFIX = "report_body_";
    public static final String BODY_INPUT = "text";
    /** Slack refuses messages of more than 50 blocks, section text over 3,000 characters and headers over 150. */
    static final int MAX_BLOCKS = 50;
    static final int MAX_TEXT = 3000;
    static final int MAX_HEADER = 150;

    private SlackReportBlocks() {
    }

    /** The published report, as posted to the rotation's channel. */
    public static List<LayoutBlock> blocks(ReportRow report) {
        List<LayoutBlock> out = new ArrayList<>();
        out.add(header(h -> h.text(plainText(cut(report.title(), MAX_HEADER)))));
        String status = report.published()
                ? "Published by " + report.publishedBy()
                : "Draft" + (report.edited() ? ", edited by " + report.editedBy() : "") + ". Only you can see it.";
        out.add(context(c -> c.elements(List.of(markdownText(escape(status))))));
        StringBuilder paragraph = new StringBuilder();
        boolean headingsOnly = false; // a heading stays in one block with the text under it
        for (String line : report.body().split("\n", -1)) {
            if (line.startsWith("# ")) {
                continue; // the header block already says it
            }
            if (line.startsWith("## ") || line.startsWith("### ")) {
                if (!headingsOnly) {
                    flush(out, paragraph);
                }
                if (line.startsWith("## ")) {
                    flush(out, paragraph);
                    out.add(divider());
                }
                paragraph.append('*').append(escape(line.replaceFirst("^#+ ", ""))).append("*\n");
                headingsOnly = true;
                continue;
            }
            if (line.isBlank()) {
                if (!headingsOnly) {
                    flush(out, paragraph);
                }
                continue;
            }
            paragraph.append(mrkdwn(line)).append('\n');
            headingsOnly = false;
        }
        flush(out, paragraph);
        if (out.size() > MAX_BLOCKS) {
            List<LayoutBlock> kept = new ArrayList<>(out.subList(0, MAX_BLOCKS - 1));
            kept.add(context(c -> c.elements(List.of(markdownText("The rest is in the full report (Markdown download)."))))); 
            return kept;
        }
        return out;
    }

    /** The draft as sent privately to the outgoing primary: the report, then Edit and Publish. */
    public static List<LayoutBlock> draftBlocks(ReportRow report) {
        List<LayoutBlock> out = new ArrayList<>(blocks(report));
        if (out.size() >= MAX_BLOCKS) {
            out = new ArrayList<>(out.subList(0, MAX_BLOCKS - 1));
        }
        String id = String.valueOf(report.id());
        out.add(actions(a -> a.blockId("report_" + id).elements(List.of(
                button(b -> b.actionId(EDIT_ACTION).value(id).text(plainText("Edit"))),
                button(b -> b.actionId(PUBLISH_ACTION).value(id).style("primary").text(plainText("Publish")))))));
        return out;
    }

    /**
     * The Edit modal, pre-filled with the report's Markdown. A plain-text input holds at most 3,000
     * characters, so a long report is split at paragraph breaks over several inputs; {@link #editedText} joins them.
     */
    public static View editModal(ReportRow report) {
        List<String> parts = split(report.body(), MAX_TEXT);
        List<LayoutBlock> blocks = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            int n = i;
            blocks.add(input(in -> in.blockId(BODY_BLOCK_PREFIX + n)
                    .label(plainText(parts.size() == 1 ? "Report (Markdown)" : "Report (Markdown), part " + (n + 1)))
                    .element(plainTextInput(p -> p.actionId(BODY_INPUT).multiline(true).initialValue(part)
                            .maxLength(MAX_TEXT)))));
        }
        return view(v -> v.type("modal").callbackId(EDIT_CALLBACK).privateMetadata(String.valueOf(report.id()))
                .title(viewTitle(t -> t.type("plain_text").text("Edit report")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Save")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    /** The report text from a submitted Edit modal: block id → the input's value. */
    public static String editedText(Map<String, String> valuesByBlockId) {
        Map<Integer, String> parts = new TreeMap<>();
        valuesByBlockId.forEach((block, value) -> {
            if (block.startsWith(BODY_BLOCK_PREFIX)) {
                parts.put(Integer.parseInt(block.substring(BODY_BLOCK_PREFIX.length())), value == null ? "" : value);
            }
        });
        return String.join("\n\n", parts.values().stream().map(String::strip).toList()) + "\n";
    }

    static List<String> split(String text, int max) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String para : text.strip().split("\n\n")) {
            if (!cur.isEmpty() && cur.length() + 2 + para.length() > max) {
                parts.add(cur.toString());
                cur.setLength(0);
            }
            while (para.length() > max) {
                parts.add(para.substring(0, max));
                para = para.substring(max);
            }
            if (!cur.isEmpty()) {
                cur.append("\n\n");
            }
            cur.append(para);
        }
        if (!cur.isEmpty() || parts.isEmpty()) {
            parts.add(cur.toString());
        }
        return parts;
    }

    private static void flush(List<LayoutBlock> out, StringBuilder paragraph) {
        if (paragraph.isEmpty()) {
            return;
        }
        for (String part : split(paragraph.toString().stripTrailing(), MAX_TEXT)) {
            out.add(section(s -> s.text(markdownText(part))));
        }
        paragraph.setLength(0);
    }

    /** One line of report Markdown as Slack mrkdwn; text from people and alerts is escaped first. */
    static String mrkdwn(String line) {
        String s = escape(line);
        s = s.replaceAll("\\*\\*(.+?)\\*\\*", "*$1*");
        s = s.replaceAll("\\[([^\\]]+)]\\(([^)\\s]+)\\)", "<$2|$1>");
        s = s.replaceFirst("^- \\[ ] ", "\u2610 ");
        s = s.replaceFirst("^- \\[x] ", "\u2611 ");
        s = s.replaceFirst("^([ ]*)[-*] ", "$1\u2022 ");
        return s;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }
}
