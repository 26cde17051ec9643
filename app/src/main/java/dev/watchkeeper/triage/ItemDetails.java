package dev.watchkeeper.triage;

import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.ingest.AlertRow;
import dev.watchkeeper.db.ingest.AlertStore;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.triage.TriageStore;
import io.micronaut.core.order.OrderUtil;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * An item as shown to people: its alerts, actions and the lines every {@link ItemContext} adds. Read-only and
 * apart from {@link TriageService}, so that what renders items (Slack messages and pages) does not depend on what
 * changes them, which in turn pages through those renderers ({@link AlertPipeline} → {@link Pager}).
 */
@Singleton
public class ItemDetails {

    private final Database db;
    private final TriageStore triage;
    private final AlertStore alerts;
    private final List<ItemContext> contexts;

    public ItemDetails(Database db, TriageStore triage, AlertStore alerts, List<ItemContext> contexts) {
        this.db = db;
        this.triage = triage;
        this.alerts = alerts;
        List<ItemContext> ordered = new ArrayList<>(contexts);
        OrderUtil.sort(ordered);
        this.contexts = List.copyOf(ordered);
    }

    public ItemDetail item(int id) {
        return db.read(dsl -> {
            Item item = triage.find(dsl, id).map(Item::of)
                    .orElseThrow(() -> new NotFoundException("item " + id + " does not exist"));
            List<AlertRow> members = alerts.forItem(dsl, id);
            return new ItemDetail(item, members, triage.actions(dsl, id), contextFor(item, members));
        });
    }

    /** The context lines every {@link ItemContext} has for this item, in bean order. */
    public List<ItemContext.Line> contextFor(Item item, List<AlertRow> members) {
        List<ItemContext.Line> lines = new ArrayList<>();
        for (ItemContext c : contexts) {
            lines.addAll(c.linesFor(item, members));
        }
        return lines;
    }
}
