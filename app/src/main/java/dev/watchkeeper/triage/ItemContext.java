package dev.watchkeeper.triage;

import dev.watchkeeper.db.AlertRow;
import dev.watchkeeper.db.ItemRow;

import java.util.List;

/**
 * Extra lines shown with an item wherever it appears (Slack message, item view, reports): the playbook
 * and its mitigation summary, notes left by people who handled this alert before, and so on.
 */
public interface ItemContext {

    List<Line> linesFor(ItemRow item, List<AlertRow> alerts);

    /** @param url a link, or null */
    record Line(String label, String text, String url) {
    }
}
