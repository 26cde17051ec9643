package dev.watchkeeper.knowledge;

/** The words of {@code /note ALERTNAME|ITEM text} that are not the CLI's: its usage line and what a chat answers. */
public final class NoteCommands {

    public static final String USAGE = "Usage: /note ALERTNAME|ITEM text. For example: "
            + "/note FeatureNullRateHigh usually the upstream export is late; wait 30 min before acting";

    private NoteCommands() {
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
