package dev.watchkeeper.triage;

import java.util.List;
import java.util.Optional;

/** Overrides the default group-by labels for some alerts (a playbook's {@code group_by}). */
public interface GroupKeyRule {
    Optional<List<String>> groupBy(IncomingAlert alert);
}
