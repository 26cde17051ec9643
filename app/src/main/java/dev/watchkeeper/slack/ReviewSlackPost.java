package dev.watchkeeper.slack;

import dev.watchkeeper.review.Review;
import dev.watchkeeper.review.ReviewConfig;
import dev.watchkeeper.review.ReviewService;
import dev.watchkeeper.review.Week;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.Database;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Posts the review to Slack: on a schedule per channel ({@code watchkeeper.review.slack}:
 * {@code CHANNEL[=DAY HH:MM ZONE]}, default Monday 10:00 UTC), and on demand ({@code /triage review}).
 * Each scheduled post goes through the outbox under the key {@code review:CHANNEL:DATE}, so a post is never sent twice.
 */
@Singleton
public class ReviewSlackPost {

    /** A scheduled post not made within this long after its time (the server was down) is skipped. */
    static final Duration GRACE = Duration.ofHours(6);

    public record Schedule(String channel, DayOfWeek day, LocalTime time, ZoneId zone) {
    }

    private final ReviewService reviews;
    private final Database db;
    private final SlackOutbox outbox;
    private final dev.watchkeeper.triage.TagService tags;
    private final List<Schedule> schedules;
    private final String baseUrl;
    private final Clock clock;

    public ReviewSlackPost(ReviewService reviews, Database db, SlackOutbox outbox, dev.watchkeeper.triage.TagService tags,
                           ReviewConfig config, @Nullable @Value("${watchkeeper.base-url:}") String baseUrl, Clock clock) {
        this.reviews = reviews;
        this.db = db;
        this.outbox = outbox;
        this.tags = tags;
        this.schedules = parse(config.slack());
        this.baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.replaceAll("/+$", "");
        this.clock = clock;
    }

    public List<Schedule> schedules() {
        return schedules;
    }

    /** {@code C123=MONDAY 10:00 Europe/Berlin, C456}: a bad entry fails start-up naming it. */
    public static List<Schedule> parse(String text) {
        List<Schedule> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String entry : text.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            String channel = (eq < 0 ? e : e.substring(0, eq)).strip();
            String[] when = eq < 0 ? new String[0] : e.substring(eq + 1).strip().split("\\s+");
            try {
                DayOfWeek day = when.length > 0 ? DayOfWeek.valueOf(when[0].toUpperCase(Locale.ROOT)) : DayOfWeek.MONDAY;
                LocalTime time = when.length > 1 ? LocalTime.parse(when[1]) : LocalTime.of(10, 0);
                ZoneId zone = when.length > 2 ? ZoneId.of(when[2]) : ZoneId.of("UTC");
                if (channel.isEmpty() || when.length > 3) {
                    throw new IllegalArgumentException("bad entry");
                }
                out.add(new Schedule(channel, day, time, zone));
            } catch (RuntimeException ex) {
                throw new BadInputException("watchkeeper.review.slack", "entries are CHANNEL or CHANNEL=DAY HH:MM ZONE,"
                        + " e.g. C0123=MONDAY 10:00 Europe/Berlin; '" + e + "' is not");
            }
        }
        return out;
    }

    /** Posts every scheduled review that is due and not yet posted; returns the channels posted to. */
    public List<String> postDue() {
        Instant now = clock.instant();
        List<String> posted = new ArrayList<>();
        for (Schedule s : schedules) {
            ZonedDateTime local = now.atZone(s.zone());
            ZonedDateTime due = local.with(TemporalAdjusters.previousOrSame(s.day())).with(s.time());
            if (due.isAfter(local)) {
                due = due.minusWeeks(1);
            }
            if (Duration.between(due.toInstant(), now).compareTo(GRACE) > 0) {
                continue;
            }
            if (post(s.channel(), "review:" + s.channel() + ":" + due.toLocalDate(), null)) {
                posted.add(s.channel());
            }
        }
        return posted;
    }

    /** Posts the review of {@code week} (null: the last complete week) with its chart; false when already posted. */
    public boolean post(String channel, String key, String week) {
        Week w = reviews.week(week);
        Review r = reviews.review(w);
        ObjectNode payload = Json.object();
        payload.put("text", ReviewSlackBlocks.text(r));
        payload.set("blocks", ReviewSlackBlocks.blocks(r, pageUrl(w), List.copyOf(tags.counts().keySet())));
        ObjectNode chart = Json.object();
        chart.put("filename", "review-" + w.id() + ".png");
        chart.put("title", "Alerts in " + w.id());
        chart.put("comment", "Alerts per day, paged vs quiet");
        chart.put("bytes", java.util.Base64.getEncoder().encodeToString(reviews.chart(w)));
        String k = key == null ? "review:" + channel + ":" + w.id() + ":" + clock.instant().toEpochMilli() : key;
        return db.write(tx -> {
            boolean added = outbox.enqueue(tx, k, SlackOutbox.MESSAGE, null, channel, Json.write(payload));
            if (added) {
                outbox.enqueue(tx, k + ":chart", SlackOutbox.UPLOAD, null, channel, Json.write(chart));
            }
            return added;
        });
    }

    public String pageUrl(Week w) {
        return baseUrl == null ? null : baseUrl + "/review?week=" + w.id();
    }
}
