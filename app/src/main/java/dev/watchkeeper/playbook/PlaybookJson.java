package dev.watchkeeper.playbook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Playbooks, matches and reload reports as JSON-ready maps (the API and {@code --json} print these). */
final class PlaybookJson {

    private PlaybookJson() {
    }

    static Map<String, Object> summary(Playbook p, String url) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("file", p.file());
        m.put("url", url);
        m.put("alerts", p.alerts());
        m.put("match", strings(p.match()));
        m.put("owner", p.owner());
        m.put("severity", p.severity());
        return m;
    }

    static Map<String, Object> full(Playbook p, String url) {
        Map<String, Object> m = summary(p, url);
        m.put("groupBy", p.groupBy());
        m.put("knownNoise", p.knownNoise().stream().map(n -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("reason", n.reason());
            x.put("window", n.window() == null ? null : n.window().describe());
            x.put("match", strings(n.match()));
            return x;
        }).toList());
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("alwaysPage", p.guardrails().alwaysPage() == null ? null : strings(p.guardrails().alwaysPage()));
        g.put("neverPage", p.guardrails().neverPage() == null ? null : strings(p.guardrails().neverPage()));
        g.put("quietDuring", p.guardrails().quietDuring().stream()
                .map(q -> Map.of("name", q.name(), "window", q.window().describe())).toList());
        m.put("guardrails", g);
        if (p.slo() != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("metric", p.slo().metric());
            s.put("target", p.slo().target());
            s.put("window", p.slo().window());
            m.put("slo", s);
        } else {
            m.put("slo", null);
        }
        m.put("links", p.links().stream().map(l -> Map.of("title", l.title(), "url", l.url())).toList());
        m.put("mitigationSummary", p.mitigationSummary());
        m.put("sections", p.sections());
        return m;
    }

    static Map<String, Object> report(PlaybookService.ReloadReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dir", r.dir().toString());
        m.put("dirExists", r.dirExists());
        m.put("loaded", r.loaded());
        m.put("problems", r.problems().stream().map(Problem::toString).toList());
        m.put("keptPrevious", r.keptPrevious());
        m.put("at", r.at().toString());
        return m;
    }

    static Map<String, Object> match(ExampleAlert alert, PlaybookSet set, java.util.function.Function<String, String> url) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alertname", alert.alertname());
        m.put("labels", alert.labels());
        var match = set.match(alert.alertname(), alert.labels());
        m.put("playbook", match.map(x -> x.playbook().name()).orElse(null));
        m.put("url", match.map(x -> url.apply(x.playbook().name())).orElse(null));
        m.put("why", match.map(PlaybookSet.Match::why).orElse("no playbook covers alert '" + alert.alertname() + "'"));
        m.put("candidates", set.candidates(alert.alertname(), PlaybookSet.withAlertname(alert.alertname(), alert.labels()))
                .stream().map(c -> {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("playbook", c.playbook().name());
                    x.put("matches", c.matches());
                    x.put("why", c.why());
                    return x;
                }).toList());
        return m;
    }

    private static List<String> strings(List<LabelMatcher> ms) {
        return ms.stream().map(LabelMatcher::toString).toList();
    }
}
