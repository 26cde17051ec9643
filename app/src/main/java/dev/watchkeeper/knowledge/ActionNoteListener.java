package dev.watchkeeper.knowledge;

import dev.watchkeeper.triage.ItemEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The note on any action becomes knowledge about the item's alert, right after the action is committed. */
@Singleton
public class ActionNoteListener {

    private static final Logger LOG = LoggerFactory.getLogger(ActionNoteListener.class);

    private final KnowledgeService knowledge;

    public ActionNoteListener(KnowledgeService knowledge) {
        this.knowledge = knowledge;
    }

    @EventListener
    void on(ItemEvent event) {
        if (event.kind() != ItemEvent.Kind.ACTION) {
            return;
        }
        try {
            knowledge.captureItemActions(event.itemId());
        } catch (RuntimeException e) {
            // The action itself is committed; `watchkeeper knowledge capture` picks the note up later.
            LOG.warn("could not capture the notes of item {} as knowledge", event.itemId(), e);
        }
    }
}
