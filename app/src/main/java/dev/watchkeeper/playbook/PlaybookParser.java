package dev.watchkeeper.playbook;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.Heading;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;
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
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one playbook file: YAML front matter (snakeyaml's node tree, so every problem has a line) and a
 * Markdown body (commonmark-java, with source positions). Returns every problem found, not just the first.
 */
public final class PlaybookParser {

    static final List<String> KEYS = List.of("alerts", "match", "owner", "severity", "group_by", "known_noise",
            "guardrails", "slo", "links");
    static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    private static final Pattern ALERT_PATTERN = Pattern.compile("[A-Za-z0-9_:.\\-*?]+");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DURATION = Pattern.compile("\\d+[mhdw]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Parser markdown = Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();
    private final TextContentRenderer text = TextContentRenderer.builder().build();

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
        Ctx c = new Ctx(file);
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
        Builder b = new Builder();
        frontMatter(c, yaml, b);
        body(c, name, body, close + 2, b);
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

    private void frontMatter(Ctx c, String yaml, Builder b) {
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
            if (s != null && !SEVERITIES.contains(s)) {
                c.at(keys.get("severity").getValueNode(), "severity: must be one of critical, error, warning, info; was '" + s + "'");
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

    private void knownNoise(Ctx c, org.yaml.snakeyaml.nodes.Node node, Builder b) {
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

    private void guardrails(Ctx c, org.yaml.snakeyaml.nodes.Node node, Builder b) {
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
    private List<LabelMatcher> pageRule(Ctx c, org.yaml.snakeyaml.nodes.Node node, String field) {
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

    private void slo(Ctx c, org.yaml.snakeyaml.nodes.Node node, Builder b) {
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
            if (window != null && !DURATION.matcher(window).matches()) {
                c.at(k.get("window").getValueNode(), "slo.window: must be a duration such as 30m, 1h, 7d or 4w; was '" + window + "'");
            }
        }
        if (metric != null && target != null) {
            b.slo = new Playbook.Slo(metric, target, window);
        }
    }

    private void links(Ctx c, org.yaml.snakeyaml.nodes.Node node, Builder b) {
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

    private TimeWindow window(Ctx c, org.yaml.snakeyaml.nodes.Node node, String field, List<String> extraKeys) {
        if (!(node instanceof MappingNode m)) {
            c.at(node, field + ": must be a window: {from, to, zone, days} or {start, end}");
            return null;
        }
        List<String> allowed = new ArrayList<>(List.of("days", "from", "to", "zone", "start", "end"));
        allowed.addAll(extraKeys);
        Map<String, NodeTuple> k = keys(c, m, allowed, field);
        int before = c.problems.size();
        ZoneId zone = ZoneOffset.UTC;
        if (k.containsKey("zone")) {
            String z = scalar(c, k.get("zone").getValueNode(), field + ".zone");
            try {
                zone = z == null ? zone : ZoneId.of(z);
            } catch (DateTimeException e) {
                c.at(k.get("zone").getValueNode(), field + ".zone: '" + z + "' is not a time zone such as Europe/Berlin or UTC");
            }
        }
        boolean oneOff = k.containsKey("start") || k.containsKey("end");
        boolean recurring = k.containsKey("from") || k.containsKey("to") || k.containsKey("days");
        if (oneOff && recurring) {
            c.at(m, field + ": use either start/end (one-off) or from/to/days (recurring), not both");
            return null;
        }
        if (oneOff) {
            Instant start = instant(c, k, "start", field, zone);
            Instant end = instant(c, k, "end", field, zone);
            if (start != null && end != null && !end.isAfter(start)) {
                c.at(k.get("end").getValueNode(), field + ".end: must be after start");
            }
            return c.problems.size() == before ? TimeWindow.oneOff(start, end) : null;
        }
        LocalTime from = time(c, k, "from", field);
        LocalTime to = time(c, k, "to", field);
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (k.containsKey("days")) {
            for (ScalarNode s : strings(c, k.get("days").getValueNode(), field + ".days")) {
                Set<DayOfWeek> d = days(s.getValue());
                if (d == null) {
                    c.at(s, field + ".days: '" + s.getValue() + "' is not a day (mon..sun), a range (mon-fri), weekdays or weekends");
                } else {
                    days.addAll(d);
                }
            }
        }
        return c.problems.size() == before ? TimeWindow.recurring(days, from, to, zone) : null;
    }

    private LocalTime time(Ctx c, Map<String, NodeTuple> k, String key, String field) {
        if (!k.containsKey(key)) {
            c.at(c.firstLine(k), field + ": '" + key + "' is required, a local time such as \"02:00\"");
            return null;
        }
        String v = scalar(c, k.get(key).getValueNode(), field + "." + key);
        try {
            return v == null ? null : LocalTime.parse(v.length() == 4 ? "0" + v : v);
        } catch (DateTimeParseException e) {
            c.at(k.get(key).getValueNode(), field + "." + key + ": '" + v + "' is not a time of day such as \"02:00\"");
            return null;
        }
    }

    private Instant instant(Ctx c, Map<String, NodeTuple> k, String key, String field, ZoneId zone) {
        if (!k.containsKey(key)) {
            c.at(c.firstLine(k), field + ": '" + key + "' is required for a one-off window");
            return null;
        }
        String v = scalar(c, k.get(key).getValueNode(), field + "." + key);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v.replace(' ', 'T')).atZone(zone).toInstant();
            } catch (DateTimeParseException e2) {
                c.at(k.get(key).getValueNode(), field + "." + key + ": '" + v
                        + "' is not a date-time such as 2026-03-14T22:00:00Z or 2026-03-14 22:00 (with zone)");
                return null;
            }
        }
    }

    static Set<DayOfWeek> days(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "daily", "every day" -> {
                return EnumSet.allOf(DayOfWeek.class);
            }
            case "weekdays" -> {
                return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
            }
            case "weekends" -> {
                return EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            }
            default -> {
            }
        }
        int dash = t.indexOf('-');
        if (dash > 0) {
            DayOfWeek a = day(t.substring(0, dash));
            DayOfWeek b = day(t.substring(dash + 1));
            if (a == null || b == null) {
                return null;
            }
            Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
            for (DayOfWeek d = a; ; d = d.plus(1)) {
                out.add(d);
                if (d == b) {
                    return out;
                }
            }
        }
        DayOfWeek d = day(t);
        return d == null ? null : EnumSet.of(d);
    }

    private static DayOfWeek day(String t) {
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.name().toLowerCase(Locale.ROOT);
            if (t.equals(full) || t.equals(full.substring(0, 3))) {
                return d;
            }
        }
        return null;
    }

    private List<LabelMatcher> matchers(Ctx c, org.yaml.snakeyaml.nodes.Node node, String field) {
        List<LabelMatcher> out = new ArrayList<>();
        for (ScalarNode s : strings(c, node, field)) {
            try {
                out.add(LabelMatcher.parse(s.getValue()));
            } catch (IllegalArgumentException e) {
                c.at(s, field + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** A list of text values; a single text value counts as a list of one. */
    private List<ScalarNode> strings(Ctx c, org.yaml.snakeyaml.nodes.Node node, String field) {
        List<ScalarNode> out = new ArrayList<>();
        if (node instanceof ScalarNode s) {
            if (!s.getValue().isBlank()) {
                out.add(s);
            }
        } else if (node instanceof SequenceNode seq) {
            for (org.yaml.snakeyaml.nodes.Node item : seq.getValue()) {
                if (item instanceof ScalarNode s && !s.getValue().isBlank()) {
                    out.add(s);
                } else {
                    c.at(item, field + ": each entry must be a non-empty text value");
                }
            }
        } else {
            c.at(node, field + ": must be a list of text values");
        }
        return out;
    }

    private String scalar(Ctx c, org.yaml.snakeyaml.nodes.Node node, String field) {
        if (node instanceof ScalarNode s && !s.getValue().isBlank()) {
            return s.getValue().strip();
        }
        c.at(node, field + ": must be a non-empty text value");
        return null;
    }

    private static Boolean bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> null;
        };
    }

    private Map<String, NodeTuple> keys(Ctx c, MappingNode m, List<String> allowed) {
        return keys(c, m, allowed, null);
    }

    /** The mapping's entries by key; unknown and repeated keys are problems (a typo must not pass silently). */
    private Map<String, NodeTuple> keys(Ctx c, MappingNode m, List<String> allowed, String field) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                c.at(t.getKeyNode(), (field == null ? "" : field + ": ") + "keys must be plain names");
                continue;
            }
            String prefix = field == null ? "" : field + ": ";
            if (!allowed.contains(k.getValue())) {
                c.at(k, prefix + "unknown key '" + k.getValue() + "' (expected one of " + String.join(", ", allowed) + ")");
            } else if (out.containsKey(k.getValue())) {
                c.at(k, prefix + "key '" + k.getValue() + "' appears twice");
            } else {
                out.put(k.getValue(), t);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- body

    private void body(Ctx c, String name, String body, int firstLine, Builder b) {
        Node doc = markdown.parse(body);
        String[] lines = body.split("\n", -1);
        Integer h1Line = null;
        String currentSection = null;
        int currentStart = -1;
        Map<String, Integer> headingLines = new LinkedHashMap<>();
        Map<String, List<Node>> blocks = new LinkedHashMap<>();
        List<int[]> spans = new ArrayList<>();
        for (Node n = doc.getFirstChild(); n != null; n = n.getNext()) {
            int idx = n.getSourceSpans().isEmpty() ? 0 : n.getSourceSpans().get(0).getLineIndex();
            if (n instanceof Heading h && h.getLevel() == 1) {
                String title = text.render(h).strip();
                if (h1Line != null) {
                    c.at(firstLine + idx, "more than one H1; the H1 is the alert name and comes once");
                } else {
                    h1Line = firstLine + idx;
                    if (!title.equals(name)) {
                        c.at(h1Line, "H1 '" + title + "' must be the alert name, the same as the file name '" + name + "'");
                    }
                }
                continue;
            }
            if (n instanceof Heading h && h.getLevel() == 2) {
                if (currentSection != null) {
                    spans.add(new int[]{currentStart, idx});
                }
                String title = text.render(h).strip();
                String canonical = canonical(title);
                if (headingLines.containsKey(canonical)) {
                    c.at(firstLine + idx, "section '" + title + "' appears twice");
                }
                headingLines.putIfAbsent(canonical, firstLine + idx);
                currentSection = canonical;
                currentStart = idx;
                blocks.putIfAbsent(canonical, new ArrayList<>());
                b.titles.put(canonical, title);
                continue;
            }
            if (currentSection != null) {
                blocks.get(currentSection).add(n);
            }
        }
        if (currentSection != null) {
            spans.add(new int[]{currentStart, lines.length});
        }
        if (h1Line == null) {
            c.at(firstLine, "no H1: the body must start with '# " + name + "'");
        }
        for (String required : Playbook.REQUIRED_SECTIONS) {
            String key = canonical(required);
            if (!headingLines.containsKey(key)) {
                c.at(h1Line != null ? h1Line : firstLine, "missing section '## " + required + "'");
            } else if (blocks.get(key).isEmpty()) {
                c.at(headingLines.get(key), "section '" + required + "' is empty");
            }
        }
        Map<String, String> sections = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(headingLines.keySet());
        for (int i = 0; i < spans.size() && i < order.size(); i++) {
            int[] s = spans.get(i);
            String md = String.join("\n", java.util.Arrays.asList(lines).subList(Math.min(s[0] + 1, lines.length), s[1])).strip();
            sections.putIfAbsent(b.titles.get(order.get(i)), md);
        }
        b.sections = java.util.Collections.unmodifiableMap(sections);
        List<Node> mitigation = blocks.get(canonical("Mitigation"));
        if (mitigation != null) {
            b.summary.addAll(summary(mitigation));
        }
    }

    /** The first three bullets of the first list in Mitigation, else its first paragraph. */
    private List<String> summary(List<Node> nodes) {
        List<String> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n instanceof BulletList || n instanceof OrderedList) {
                for (Node item = n.getFirstChild(); item != null && out.size() < 3; item = item.getNext()) {
                    Node first = item.getFirstChild();
                    if (first != null) {
                        out.add(oneLine(plain(first)));
                    }
                }
                return out;
            }
        }
        for (Node n : nodes) {
            if (n instanceof Paragraph p) {
                out.add(oneLine(plain(p)));
                return out;
            }
        }
        return out;
    }

    /** Text with inline code kept in backticks (Slack and terminals show it as code), formatting dropped. */
    private static String plain(Node node) {
        StringBuilder sb = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                sb.append(t.getLiteral());
            }

            @Override
            public void visit(Code c) {
                sb.append('`').append(c.getLiteral()).append('`');
            }

            @Override
            public void visit(SoftLineBreak b) {
                sb.append(' ');
            }

            @Override
            public void visit(HardLineBreak b) {
                sb.append(' ');
            }
        });
        return sb.toString();
    }

    private static String oneLine(String s) {
        String t = WHITESPACE.matcher(s).replaceAll(" ").strip();
        return t.length() > 200 ? t.substring(0, 199) + "…" : t;
    }

    private static String canonical(String title) {
        return title.strip().toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- state

    private static final class Ctx {
        final String file;
        final List<Problem> problems = new ArrayList<>();
        int yamlOffset;

        Ctx(String file) {
            this.file = file;
        }

        int line(org.yaml.snakeyaml.nodes.Node n) {
            return n.getStartMark().getLine() + yamlOffset;
        }

        int firstLine(Map<String, NodeTuple> k) {
            return k.isEmpty() ? yamlOffset : line(k.values().iterator().next().getKeyNode());
        }

        void at(org.yaml.snakeyaml.nodes.Node n, String message) {
            at(line(n), message);
        }

        void at(int line, String message) {
            problems.add(new Problem(file, line, message));
        }
    }

    private static final class Builder {
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
}
