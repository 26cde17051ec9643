package dev.watchkeeper.triage;

import dev.watchkeeper.db.ingest.AlertRow;

import java.util.List;

/**
 * Extra lines shown with an item wherever it appears (Slack message, item view, reports): the playbook
 * and its mitigation summary, notes left by people who handled this alert before, and so on.
 * Lines appear in {@link #getOrder()} order: who is on call (10), the playbook (20), notes (30).
 */
public interface ItemContext extends io.micronaut.core.order.Ordered {

    List<Line> linesFor(Item item, List<AlertRow> alerts);

    /** @param url a link, or null */
    record Line(String label, String text, String url) {
    }
}
