package dev.watchkeeper.review;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.triage.TriageStore;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.TagService;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The items of a tag or of a cluster of the week, as CSV or JSON lines, for people who collect examples. */
@Singleton
public class ReviewExport {

    static final int MAX_ITEMS = 10_000;
    static final List<String> COLUMNS = List.of("id", "title", "service", "severity", "state", "score", "lane",
            "assignee", "created_at", "closed_at", "alert_count", "tags");

    public enum Format {
        CSV("csv", "text/csv; charset=utf-8"), JSONL("jsonl", "application/x-ndjson");

        private final String extension;
        private final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }

        public String extension() {
            return extension;
        }

        public String mediaType() {
            return mediaType;
        }

        public static Format parse(String s) {
            if (s == null || s.isBlank()) {
                return CSV;
            }
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "jsonl", "ndjson" -> JSONL;
                default -> throw new BadInputException("format", "must be csv or jsonl; was '" + s + "'");
            };
        }
    }

    private final ReviewService reviews;
    private final TagService tags;
    private final Database db;
    private final TriageStore triage;

    public ReviewExport(ReviewService reviews, TagService tags, Database db, TriageStore triage) {
        this.reviews = reviews;
        this.tags = tags;
        this.db = db;
        this.triage = triage;
    }

    /** Exactly one of {@code tag} and {@code cluster} ({@code label=value}); {@code week} only for a cluster. */
    public String export(String tag, String cluster, String week, Format format) {
        boolean byTag = tag != null && !tag.isBlank();
        boolean byCluster = cluster != null && !cluster.isBlank();
        if (byTag == byCluster) {
            throw new BadInputException("tag", "give exactly one of tag or cluster (label=value)");
        }
        List<Item> items;
        if (byTag) {
            items = tags.itemsTagged(tag, MAX_ITEMS);
        } else {
            if (!cluster.contains("=")) {
                throw new BadInputException("cluster", "must be label=value, e.g. region=eu-west-1; was '" + cluster + "'");
            }
            Review r = reviews.review(reviews.week(week));
            Review.Cluster c = r.clusters().stream().filter(x -> x.key().equals(cluster.strip())).findFirst()
                    .orElseThrow(() -> new BadInputException("cluster", "no cluster " + cluster.strip() + " in " + r.week()
                            + "; clusters: " + r.clusters().stream().map(Review.Cluster::key).toList()));
            items = db.read(dsl -> {
                List<Item> out = new ArrayList<>();
                c.itemIds().forEach(id -> triage.find(dsl, id).map(Item::of).ifPresent(out::add));
                return out;
            });
        }
        Map<Integer, List<String>> tagsOf = tags.tagsOf(items.stream().map(Item::id).toList());
        StringBuilder out = new StringBuilder();
        if (format == Format.CSV) {
            out.append(String.join(",", COLUMNS)).append("\r\n");
        }
        for (Item i : items) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", i.id());
            row.put("title", i.title());
            row.put("service", i.service());
            row.put("severity", i.severity());
            row.put("state", i.state());
            row.put("score", i.score());
            row.put("lane", i.lane());
            row.put("assignee", i.assignee());
            row.put("created_at", i.createdAt() == null ? null : i.createdAt().toString());
            row.put("closed_at", i.closedAt() == null ? null : i.closedAt().toString());
            row.put("alert_count", i.alertCount());
            row.put("tags", tagsOf.getOrDefault(i.id(), List.of()));
            if (format == Format.JSONL) {
                out.append(Json.write(row)).append("\n");
            } else {
                List<String> cells = new ArrayList<>();
                row.forEach((k, v) -> cells.add(csv(v instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList())
                        : v == null ? "" : String.valueOf(v))));
                out.append(String.join(",", cells)).append("\r\n");
            }
        }
        return out.toString();
    }

    /** RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula. */
    static String csv(String v) {
        String s = v;
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("-?\\d+(\\.\\d+)?")) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
