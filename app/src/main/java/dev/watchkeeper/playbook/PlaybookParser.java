package dev.watchkeeper.playbook;

import dev.watchkeeper.triage.Severity;
import org.commonmark.node.Node;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.watchkeeper.playbook.PlaybookWindows.window;
import static dev.watchkeeper.playbook.YamlNodes.bool;
import static dev.watchkeeper.playbook.YamlNodes.keys;
import static dev.watchkeeper.playbook.YamlNodes.matchers;
import static dev.watchkeeper.playbook.YamlNodes.scalar;
import static dev.watchkeeper.playbook.YamlNodes.strings;

/**
 * Reads one playbook file: YAML front matter (snakeyaml's node tree, so every problem has a line) and a
 * Markdown body (commonmark-java, with source positions). Returns every problem found, not just the first.
 */
public final class PlaybookParser {

    static final List<String> KEYS = List.of("alerts", "match", "owner", "severity", "group_by", "known_noise",
            "guardrails", "slo", "links");
    private static final Pattern ALERT_PATTERN = Pattern.compile("[A-Za-z0-9_:.\\-*?]+");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final PlaybookBody markdownBody = new PlaybookBody();

    /** @param playbook null when there are problems: a broken file is never half-loaded */
    public record Result(Playbook playbook, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * @param file what lint lines call the file
     * @param name the file name without {@code .md}
     */
    public Result parse(String file, String name, String content) {
        PlaybookSource c = new PlaybookSource(file);
        String[] lines = content.replace("\r\n", "\n").split("\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            c.at(1, "must start with '---' and YAML front matter (alerts, owner, ...)");
            return new Result(null, c.problems);
        }
        int close = -1;
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.equals("---") || l.equals("...")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            c.at(1, "front matter is not closed: add a line '---' after it");
            return new Result(null, c.problems);
        }
        String yaml = String.join("\n", java.util.Arrays.asList(lines).subList(1, close));
        String body = String.join("\n", java.util.Arrays.asList(lines).subList(close + 1, lines.length));
        c.yamlOffset = 2;
        PlaybookDraft b = new PlaybookDraft();
        frontMatter(c, yaml, b);
        markdownBody.read(c, name, body, close + 2, b);
        if (!c.problems.isEmpty()) {
            c.problems.sort(java.util.Comparator.comparingInt(Problem::line));
            return new Result(null, List.copyOf(c.problems));
        }
        Playbook p = new Playbook(name, file, List.copyOf(b.alerts), List.copyOf(b.match), b.owner, b.severity,
                List.copyOf(b.groupBy), List.copyOf(b.noise),
                new Playbook.Guardrails(b.alwaysPage, b.neverPage, List.copyOf(b.quiet)), b.slo,
                List.copyOf(b.links), b.sections, body, List.copyOf(b.summary));
        return new Result(p, List.of());
    }

    // ---------------------------------------------------------------- front matter

    private void frontMatter(PlaybookSource c, String yaml, PlaybookDraft b) {
        org.yaml.snakeyaml.nodes.Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + c.yamlOffset : 1;
            c.at(line, "invalid YAML: " + e.getProblem());
            return;
        } catch (YAMLException e) {
            c.at(1, "invalid YAML: " + e.getMessage());
            return;
        }
        if (!(root instanceof MappingNode map)) {
            c.at(root == null ? 1 : c.line(root), "front matter must be a YAML mapping of keys (alerts, owner, ...)");
            return;
        }
        Map<String, NodeTuple> keys = keys(c, map, KEYS);
        NodeTuple alerts = keys.get("alerts");
        if (alerts == null) {
            c.at(c.line(map), "'alerts' is required: the alert names or globs this playbook covers");
        } else {
            int before = c.problems.size();
            for (ScalarNode s : strings(c, alerts.getValueNode(), "alerts")) {
                if (!ALERT_PATTERN.matcher(s.getValue()).matches()) {
                    c.at(s, "alerts: '" + s.getValue() + "' is not an alert name or glob (letters, digits, _ : . - * ?)");
                } else {
                    b.alerts.add(s.getValue());
                }
            }
            if (b.alerts.isEmpty() && c.problems.size() == before) {
                c.at(alerts.getValueNode(), "alerts: must list at least one alert name or glob");
            }
        }
        if (keys.containsKey("match")) {
            b.match.addAll(matchers(c, keys.get("match").getValueNode(), "match"));
        }
        NodeTuple owner = keys.get("owner");
        if (owner == null) {
            c.at(c.line(map), "'owner' is required: the team or person who keeps this playbook and the alert");
        } else {
            b.owner = scalar(c, owner.getValueNode(), "owner");
        }
        if (keys.containsKey("severity")) {
            String s = scalar(c, keys.get("severity").getValueNode(), "severity");
            if (s != null && Severity.parse(s).isEmpty()) {
                c.at(keys.get("severity").getValueNode(), "severity: " + Severity.ONE_OF + "; was '" + s + "'");
            } else {
                b.severity = s;
            }
        }
        if (keys.containsKey("group_by")) {
            for (ScalarNode s : strings(c, keys.get("group_by").getValueNode(), "group_by")) {
                if (!LABEL.matcher(s.getValue()).matches()) {
                    c.at(s, "group_by: '" + s.getValue() + "' is not a label name");
                } else {
                    b.groupBy.add(s.getValue());
                }
            }
        }
        if (keys.containsKey("known_noise")) {
            knownNoise(c, keys.get("known_noise").getValueNode(), b);
        }
        if (keys.containsKey("guardrails")) {
            guardrails(c, keys.get("guardrails").getValueNode(), b);
        }
        if (keys.containsKey("slo")) {
            slo(c, keys.get("slo").getValueNode(), b);
        }
        if (keys.containsKey("links")) {
            links(c, keys.get("links").getValueNode(), b);
        }
    }

    private void knownNoise(PlaybookSource c, org.yaml.snakeyaml.nodes.Node node, PlaybookDraft b) {
        if (!(node instanceof SequenceNode seq)) {
            c.at(node, "known_noise: must be a list of conditions, each with a reason and a window and/or match");
            return;
        }
        for (org.yaml.snakeyaml.nodes.Node item : seq.getValue()) {
            if (!(item instanceof MappingNode m)) {
                c.at(item, "known_noise: each entry must be a mapping with reason, window and/or match");
                continue;
            }
            Map<String, NodeTuple> k = keys(c, m, List.of("reason", "window", "match"), "known_noise");
            String reason = k.containsKey("reason") ? scalar(c, k.get("reason").getValueNode(), "known_noise.reason") : null;
            if (!k.containsKey("reason")) {
                c.at(m, "known_noise: 'reason' is required: say why it is noise, e.g. 'nightly backfill rewrites partitions'");
            }
            TimeWindow window = k.containsKey("window") ? window(c, k.get("window").getValueNode(), "known_noise.window", List.of()) : null;
            List<LabelMatcher> match = k.containsKey("match") ? matchers(c, k.get("match").getValueNode(), "known_noise.match") : List.of();
            if (!k.containsKey("window") && !k.containsKey("match")) {
                c.at(m, "known_noise: needs a 'window' (hours in a time zone, e.g. a batch window) or 'match' (label values), or both");
            }
            b.noise.add(new Playbook.NoiseRule(reason, window, match));
        }
    }

    private void guardrails(PlaybookSource c, org.yaml.snakeyaml.nodes.Node node, PlaybookDraft b) {
        if (!(node instanceof MappingNode m)) {
            c.at(node, "guardrails: must be a mapping with always_page, never_page and/or quiet_during");
            return;
        }
        Map<String, NodeTuple> k = keys(c, m, List.of("always_page", "never_page", "quiet_during"), "guardrails");
        if (k.containsKey("always_page")) {
            b.alwaysPage = pageRule(c, k.get("always_page").getValueNode(), "guardrails.always_page");
        }
        if (k.containsKey("never_page")) {
            b.neverPage = pageRule(c, k.get("never_page").getValueNode(), "guardrails.never_page");
        }
        if (b.alwaysPage != null && b.alwaysPage.isEmpty() && b.neverPage != null && b.neverPage.isEmpty()) {
            c.at(k.get("never_page").getKeyNode(), "guardrails: always_page and never_page both apply to every alert; keep one, or give one of them label matchers");
        }
        if (k.containsKey("quiet_during")) {
            org.yaml.snakeyaml.nodes.Node q = k.get("quiet_during").getValueNode();
            if (!(q instanceof SequenceNode seq)) {
                c.at(q, "guardrails.quiet_during: must be a list of windows, each with a name");
                return;
            }
            for (org.yaml.snakeyaml.nodes.Node item : seq.getValue()) {
                String name = null;
                if (item instanceof MappingNode wm) {
                    for (NodeTuple t : wm.getValue()) {
                        if (t.getKeyNode() instanceof ScalarNode ks && ks.getValue().equals("name")) {
                            name = scalar(c, t.getValueNode(), "guardrails.quiet_during.name");
                        }
                    }
                    if (name == null) {
                        c.at(wm, "guardrails.quiet_during: 'name' is required, e.g. 'weekly feature-store maintenance'");
                    }
                }
                TimeWindow w = window(c, item, "guardrails.quiet_during", List.of("name"));
                if (w != null && name != null) {
                    b.quiet.add(new Playbook.QuietWindow(name, w));
                }
            }
        }
    }

    /** {@code true} → applies always (empty list), {@code false} → absent (null), a list → label matchers. */
    private List<LabelMatcher> pageRule(PlaybookSource c, org.yaml.snakeyaml.nodes.Node node, String field) {
        if (node instanceof ScalarNode s) {
            Boolean v = bool(s.getValue());
            if (v == null) {
                c.at(s, field + ": must be true, false or a list of label matchers; was '" + s.getValue() + "'");
                return null;
            }
            return v ? List.of() : null;
        }
        List<LabelMatcher> m = matchers(c, node, field);
        return m.isEmpty() ? null : m;
    }

    private void slo(PlaybookSource c, org.yaml.snakeyaml.nodes.Node node, PlaybookDraft b) {
        if (!(node instanceof MappingNode m)) {
            c.at(node, "slo: must be a mapping with metric, target and optional window");
            return;
        }
        Map<String, NodeTuple> k = keys(c, m, List.of("metric", "target", "window"), "slo");
        String metric = k.containsKey("metric") ? scalar(c, k.get("metric").getValueNode(), "slo.metric") : null;
        if (!k.containsKey("metric")) {
            c.at(m, "slo: 'metric' is required, e.g. 'accuracy' or 'p99 latency ms'");
        }
        Double target = null;
        if (!k.containsKey("target")) {
            c.at(m, "slo: 'target' is required, a number such as 0.95");
        } else {
            String t = scalar(c, k.get("target").getValueNode(), "slo.target");
            try {
                target = t == null ? null : Double.parseDouble(t);
            } catch (NumberFormatException e) {
                c.at(k.get("target").getValueNode(), "slo.target: must be a number; was '" + t + "'");
            }
        }
        String window = null;
        if (k.containsKey("window")) {
            window = scalar(c, k.get("window").getValueNode(), "slo.window");
            if (window != null && dev.watchkeeper.core.Durations.tryParse(window).isEmpty()) {
                c.at(k.get("window").getValueNode(), "slo.window: must be a duration such as 30m, 1h, 7d or 4w; was '" + window + "'");
            }
        }
        if (metric != null && target != null) {
            b.slo = new Playbook.Slo(metric, target, window);
        }
    }

    private void links(PlaybookSource c, org.yaml.snakeyaml.nodes.Node node, PlaybookDraft b) {
        if (!(node instanceof SequenceNode seq)) {
            c.at(node, "links: must be a list of URLs or of {title, url}");
            return;
        }
        for (org.yaml.snakeyaml.nodes.Node item : seq.getValue()) {
            String title = null;
            String url = null;
            org.yaml.snakeyaml.nodes.Node urlNode = item;
            if (item instanceof ScalarNode s) {
                url = s.getValue();
                title = url;
            } else if (item instanceof MappingNode m) {
                Map<String, NodeTuple> k = keys(c, m, List.of("title", "url"), "links");
                if (!k.containsKey("url")) {
                    c.at(m, "links: 'url' is required");
                    continue;
                }
                urlNode = k.get("url").getValueNode();
                url = scalar(c, urlNode, "links.url");
                title = k.containsKey("title") ? scalar(c, k.get("title").getValueNode(), "links.title") : url;
            } else {
                c.at(item, "links: each entry must be a URL or {title, url}");
                continue;
            }
            if (url != null && !(url.startsWith("https://") || url.startsWith("http://"))) {
                c.at(urlNode, "links: '" + url + "' must be an http(s) URL");
            } else if (url != null) {
                b.links.add(new Playbook.Link(title, url));
            }
        }
    }
}
