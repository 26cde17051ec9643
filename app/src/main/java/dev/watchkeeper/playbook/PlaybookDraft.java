package dev.watchkeeper.playbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a playbook file has said so far; {@link PlaybookParser} turns it into a {@link Playbook} when nothing is wrong. */
final class PlaybookDraft {
    final List<String> alerts = new ArrayList<>();
    final List<LabelMatcher> match = new ArrayList<>();
    String owner;
    String severity;
    final List<String> groupBy = new ArrayList<>();
    final List<Playbook.NoiseRule> noise = new ArrayList<>();
    List<LabelMatcher> alwaysPage;
    List<LabelMatcher> neverPage;
    final List<Playbook.QuietWindow> quiet = new ArrayList<>();
    Playbook.Slo slo;
    final List<Playbook.Link> links = new ArrayList<>();
    Map<String, String> sections = Map.of();
    final Map<String, String> titles = new LinkedHashMap<>();
    final List<String> summary = new ArrayList<>();
}
