package dev.watchkeeper.db.report;

import java.time.Instant;
import java.util.List;

/**
 * A shift or incident report: drafted from the record, maybe edited by a person, then published.
 *
 * @param draftedBody the Markdown as drafted; {@code body} is what stands now (equal until someone edits)
 */
public record ReportRow(int id, String kind, String state, String rotation, Integer itemId, Instant windowStart,
                        Instant windowEnd, String primary, List<String> shadows, String title, String draftedBody,
                        String body, String createdBy, Instant createdAt, String editedBy, Instant editedAt,
                        String publishedBy, Instant publishedAt) {

    public boolean published() {
        return "published".equals(state);
    }

    public boolean edited() {
        return editedAt != null;
    }
}
