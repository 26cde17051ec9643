package dev.watchkeeper.playbook;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The Markdown body of a playbook: its sections, the H1 that must name the alert, and the summary of Mitigation. */
final class PlaybookBody {

    private final Parser markdown = Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();
    private final TextContentRenderer text = TextContentRenderer.builder().build();
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    void read(PlaybookSource c, String name, String body, int firstLine, PlaybookDraft b) {
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
}
