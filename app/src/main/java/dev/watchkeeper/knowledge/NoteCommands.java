package dev.watchkeeper.knowledge;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.NotFoundException;
import jakarta.inject.Singleton;

/** {@code /note ALERTNAME|ITEM text}, surface-neutral: takes the actor and the command text, returns the reply. */
@Singleton
public class NoteCommands {

    public static final String USAGE = "Usage: /note ALERTNAME|ITEM text. For example: "
            + "/note FeatureNullRateHigh usually the upstream export is late; wait 30 min before acting";

    private final KnowledgeService knowledge;

    public NoteCommands(KnowledgeService knowledge) {
        this.knowledge = knowledge;
    }

    public String handle(String actorHandle, String text) {
        String t = text == null ? "" : text.strip();
        int space = t.indexOf(' ');
        if (t.isEmpty() || space < 0 || "help".equals(t)) {
            return USAGE;
        }
        try {
            return answer(knowledge.addNote(t.substring(0, space), t.substring(space + 1), actorHandle, "command"));
        } catch (BadInputException e) {
            return "Not noted: " + e.getMessage() + ". " + USAGE;
        } catch (NotFoundException e) {
            return "Not noted: " + e.getMessage() + ".";
        }
    }

    /** What a chat answers when a note was kept (Slack's {@code /note}). */
    public static String answer(KnowledgeService.NoteResult r) {
        if (r.merged()) {
            return "That matches a note already kept for " + r.note().alertname() + " (note " + r.note().id()
                    + ", now noted " + r.note().seenCount() + " times). It shows the next time the alert fires.";
        }
        return "Noted for " + r.note().alertname() + " (note " + r.note().id()
                + "). It shows the next time the alert fires.";
    }
}
