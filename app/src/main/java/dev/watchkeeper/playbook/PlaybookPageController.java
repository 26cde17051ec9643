package dev.watchkeeper.playbook;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Heading;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

import java.util.List;
import java.util.Locale;

/**
 * {@code GET /playbooks} and {@code GET /playbooks/{name}}: playbooks as readable pages, so the link in an
 * alert message opens something a person can follow. Raw HTML in the Markdown is escaped, not passed through.
 */
@Controller("/playbooks")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PlaybookPageController {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;"
            + "line-height:1.5;color:#1b1b1b}pre,code{background:#f4f4f4;border-radius:4px}pre{padding:.75rem;overflow-x:auto}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}"
            + ".facts th{background:#fafafa;white-space:nowrap}.problem{color:#a00}";

    private final PlaybookService playbooks;
    private final Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    private final HtmlRenderer renderer;

    public PlaybookPageController(PlaybookService playbooks) {
        this.playbooks = playbooks;
        TextContentRenderer text = TextContentRenderer.builder().build();
        this.renderer = HtmlRenderer.builder()
                .extensions(List.of(TablesExtension.create()))
                .escapeHtml(true)
                .sanitizeUrls(true)
                .attributeProviderFactory(ctx -> (node, tag, attrs) -> {
                    if (node instanceof Heading h) {
                        attrs.put("id", slug(text.render(h)));
                    }
                })
                .build();
    }

    static String slug(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    public String index() {
        PlaybookSet set = playbooks.current();
        StringBuilder sb = new StringBuilder();
        sb.append("<h1>Playbooks</h1><p>").append(set.playbooks().size()).append(" loaded from <code>")
                .append(esc(playbooks.dir().toString())).append("</code></p><table><tr><th>Playbook</th><th>Alerts</th><th>Owner</th></tr>");
        for (Playbook p : set.playbooks()) {
            sb.append("<tr><td><a href=\"/playbooks/").append(esc(p.name())).append("\">").append(esc(p.name()))
                    .append("</a></td><td>").append(esc(String.join(", ", p.alerts()))).append("</td><td>")
                    .append(esc(p.owner())).append("</td></tr>");
        }
        sb.append("</table>");
        if (!set.problems().isEmpty()) {
            sb.append("<h2>Problems</h2><ul>");
            set.problems().forEach(pr -> sb.append("<li class=\"problem\"><code>").append(esc(pr.toString())).append("</code></li>"));
            sb.append("</ul>");
        }
        return page("Playbooks", sb.toString());
    }

    @Get("/{name}")
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> show(String name) {
        var found = playbooks.find(name);
        if (found.isEmpty()) {
            return HttpResponse.<String>notFound().contentType(MediaType.TEXT_HTML_TYPE)
                    .body(page("Not found", "<h1>No playbook named " + esc(name) + "</h1><p><a href=\"/playbooks\">All playbooks</a></p>"));
        }
        Playbook p = found.get();
        StringBuilder facts = new StringBuilder("<table class=\"facts\">");
        fact(facts, "Owner", p.owner());
        fact(facts, "Alerts", String.join(", ", p.alerts()));
        fact(facts, "Match", join(p.match()));
        fact(facts, "Severity", p.severity());
        fact(facts, "Group by", p.groupBy().isEmpty() ? null : String.join(", ", p.groupBy()));
        Playbook.Guardrails g = p.guardrails();
        fact(facts, "Always page", g.alwaysPage() == null ? null : g.alwaysPage().isEmpty() ? "yes" : "when " + join(g.alwaysPage()));
        fact(facts, "Never page", g.neverPage() == null ? null : g.neverPage().isEmpty() ? "yes" : "when " + join(g.neverPage()));
        fact(facts, "Quiet during", g.quietDuring().isEmpty() ? null : String.join("; ", g.quietDuring().stream()
                .map(q -> q.name() + " (" + q.window().describe() + ")").toList()));
        fact(facts, "Known noise", p.knownNoise().isEmpty() ? null : String.join("; ", p.knownNoise().stream()
                .map(n -> n.reason() + (n.window() != null ? " — " + n.window().describe() : "")
                        + (n.match().isEmpty() ? "" : " — " + join(n.match()))).toList()));
        fact(facts, "SLO", p.slo() == null ? null : p.slo().metric() + " target " + p.slo().target()
                + (p.slo().window() != null ? " over " + p.slo().window() : ""));
        facts.append("</table>");
        StringBuilder links = new StringBuilder();
        if (!p.links().isEmpty()) {
            links.append("<ul>");
            p.links().forEach(l -> links.append("<li><a href=\"").append(esc(l.url())).append("\">")
                    .append(esc(l.title())).append("</a></li>"));
            links.append("</ul>");
        }
        String body = renderer.render(parser.parse(p.body()));
        return HttpResponse.ok(page(p.name(), "<p><a href=\"/playbooks\">All playbooks</a> · <code>"
                + esc(p.file()) + "</code></p>" + facts + links + body)).contentType(MediaType.TEXT_HTML_TYPE);
    }

    private static String join(List<LabelMatcher> ms) {
        return ms.isEmpty() ? null : String.join(", ", ms.stream().map(LabelMatcher::toString).toList());
    }

    private static void fact(StringBuilder sb, String label, String value) {
        if (value != null && !value.isBlank()) {
            sb.append("<tr><th>").append(label).append("</th><td>").append(esc(value)).append("</td></tr>");
        }
    }

    private static String page(String title, String content) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + " — Watchkeeper</title><meta name=\"viewport\" content=\"width=device-width\"><style>" + STYLE
                + "</style></head><body>" + content + "</body></html>";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
