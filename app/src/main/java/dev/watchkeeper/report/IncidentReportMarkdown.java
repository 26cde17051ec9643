package dev.watchkeeper.report;

import dev.watchkeeper.db.triage.ActionRow;
import dev.watchkeeper.triage.ActionKind;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.ItemContext;
import dev.watchkeeper.triage.ItemState;

import java.util.ArrayList;
import java.util.List;

/** Words a post-incident report: summary, impact, timeline, what was done, root cause, follow-ups, playbook. */
public final class IncidentReportMarkdown {

    private final Words words;

    public IncidentReportMarkdown(Words words) {
        this.words = words;
    }

    public String title(Item item) {
        return "Incident report: " + ShiftReportMarkdown.heading(item);
    }

    public String render(IncidentReport r) {
        Item item = r.item();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title(item)).append("\n\n");

        md.append("## Summary\n\n");
        md.append(Words.capital(item.severity().wire())).append(" ")
                .append(item.manual() ? "item reported by hand" : "alert " + Words.and(r.alertnames()))
                .append(" started ").append(words.time(r.start())).append(" ").append(words.zoneName());
        if (r.end() != null) {
            md.append(" and was ").append(item.state() == ItemState.NOISE ? "dismissed as noise" : "resolved")
                    .append(" ").append(words.time(r.end())).append(", after ").append(Words.duration(r.duration()))
                    .append(".");
        } else {
            md.append(". It is still ").append(item.state()).append(", ").append(Words.duration(r.duration()))
                    .append(" later.");
        }
        if (item.pagedAt() != null) {
            md.append(" It paged the on-call engineer.");
        }
        List<String> actors = r.done().stream().filter(a -> ActionKind.ACTED.is(a.kind())).map(ActionRow::actor)
                .distinct().toList();
        if (!actors.isEmpty()) {
            md.append(" ").append(Words.and(actors)).append(" acted on it.");
        }
        md.append("\n\n## Impact\n\n");
        md.append("- Duration: ").append(Words.duration(r.duration())).append(r.end() == null ? " so far" : "")
                .append(".\n");
        if (r.alerts() > 0) {
            md.append("- Alerts: ").append(Words.count(r.alerts(), "alert", "alerts")).append(", ")
                    .append(Words.count(r.firings(), "firing", "firings")).append(".\n");
        }
        if (!r.services().isEmpty()) {
            md.append("- Services: ").append(Words.and(r.services())).append(".\n");
        }

        md.append("\n## Timeline\n\n");
        for (Timeline.Entry e : r.timeline()) {
            md.append("- ").append(words.time(e.at())).append(": ").append(e.text()).append('\n');
        }

        md.append("\n## What was done\n\n");
        if (r.done().isEmpty()) {
            md.append("Nothing was recorded beyond the timeline above.\n");
        } else {
            for (ActionRow a : r.done()) {
                md.append("- ").append(Timeline.describe(a, words)).append('\n');
            }
        }

        md.append("\n## Root cause\n\n");
        if (r.rootCause().isEmpty()) {
            md.append("Not noted yet. Add it before publishing.\n");
        } else {
            for (String s : r.rootCause()) {
                md.append("- ").append(s).append('\n');
            }
        }
        if (!r.followUps().isEmpty()) {
            md.append("\n## Follow-ups\n\n");
            for (String s : r.followUps()) {
                md.append("- [ ] ").append(s).append('\n');
            }
        }
        if (!r.playbooks().isEmpty()) {
            md.append("\n## Playbook\n\n");
            List<String> lines = new ArrayList<>();
            for (ItemContext.Line l : r.playbooks()) {
                lines.add("- " + (l.url() == null ? Words.oneLine(l.text()) : "[" + Words.oneLine(l.text()) + "](" + l.url() + ")"));
            }
            md.append(String.join("\n", lines)).append('\n');
        }
        return md.toString();
    }
}
