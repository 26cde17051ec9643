package dev.watchkeeper.playbook;

import dev.watchkeeper.core.StatusLine;
import jakarta.inject.Singleton;

/** "Playbooks: 14 loaded from ./playbooks" at server start, or what is wrong. */
@Singleton
public class PlaybookStatusLine implements StatusLine {

    private final PlaybookService playbooks;

    public PlaybookStatusLine(PlaybookService playbooks) {
        this.playbooks = playbooks;
    }

    @Override
    public String describe() {
        PlaybookSet set = playbooks.current();
        if (!java.nio.file.Files.isDirectory(playbooks.dir())) {
            return "Playbooks: folder " + playbooks.dir().toAbsolutePath() + " not found — set WATCHKEEPER_PLAYBOOKS_DIR";
        }
        String s = "Playbooks: " + set.playbooks().size() + " loaded from " + playbooks.dir();
        return set.problems().isEmpty() ? s : s + " (" + set.problems().size()
                + " problem(s); run './watchkeeper playbooks lint')";
    }

    @Override
    public int getOrder() {
        return 20;
    }
}
