package dev.watchkeeper.rotation;

import dev.watchkeeper.db.ingest.AlertRow;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.ItemContext;
import jakarta.inject.Singleton;

import java.time.ZoneId;
import java.util.List;

/** Shows who is on call for an item's rotation beside the item. */
@Singleton
public class OnCallContext implements ItemContext {

    private final ItemRotation rotations;

    public OnCallContext(ItemRotation rotations) {
        this.rotations = rotations;
    }

    @Override
    public List<Line> linesFor(Item item, List<AlertRow> alerts) {
        return rotations.rotationFor(item.service())
                .map(r -> List.of(new Line("On call", OncallText.onCall(rotations.onCallNow(r), ZoneId.of(r.zone())), null)))
                .orElse(List.of());
    }

    @Override
    public int getOrder() {
        return 10;
    }
}
