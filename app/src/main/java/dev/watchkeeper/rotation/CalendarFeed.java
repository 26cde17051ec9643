package dev.watchkeeper.rotation;

import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.rotation.RotationRow;
import dev.watchkeeper.db.rotation.RotationStore;
import jakarta.inject.Singleton;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * iCalendar feeds (RFC 5545, built with ical4j) of computed shifts, for Google Calendar and
 * Outlook to subscribe to: per rotation (every segment) and per person (their primary and shadow
 * segments in every rotation). Feeds cover four weeks back (never before the rotation's first
 * shift) and {@link #WEEKS_AHEAD} weeks ahead.
 */
@Singleton
public class CalendarFeed {

    public static final int WEEKS_BACK = 4;
    public static final int WEEKS_AHEAD = 26;

    private final Database db;
    private final RotationStore store;
    private final RotationService rotations;
    private final Clock clock;

    public CalendarFeed(Database db, RotationStore store, RotationService rotations, Clock clock) {
        this.db = db;
        this.store = store;
        this.rotations = rotations;
        this.clock = clock;
    }

    public String rotationFeed(String token) {
        RotationRow r = db.read(dsl -> store.findByCalendarToken(dsl, token))
                .orElseThrow(() -> new NotFoundException("no calendar at this address"));
        Calendar cal = calendar();
        for (RotationPlan.Segment s : segments(r)) {
            String summary = r.name() + " on call: " + s.primary()
                    + (s.shadows().isEmpty() ? "" : " (shadows: " + String.join(", ", s.shadows()) + ")");
            cal.add(event(r, s, "primary", s.primary(), summary));
        }
        return cal.toString();
    }

    public String personFeed(String token) {
        String handle = db.read(dsl -> store.personByCalendarToken(dsl, token))
                .orElseThrow(() -> new NotFoundException("no calendar at this address"));
        Calendar cal = calendar();
        for (RotationRow r : rotations.rotations()) {
            for (RotationPlan.Segment s : segments(r)) {
                if (handle.equals(s.primary())) {
                    cal.add(event(r, s, "primary", handle, r.name() + ": on call (primary)"
                            + (s.shadows().isEmpty() ? "" : ", shadows: " + String.join(", ", s.shadows()))));
                } else if (s.shadows().contains(handle)) {
                    cal.add(event(r, s, "shadow-" + handle, handle, r.name() + ": shadowing " + s.primary()));
                }
            }
        }
        return cal.toString();
    }

    private List<RotationPlan.Segment> segments(RotationRow r) {
        Instant now = clock.instant();
        RotationPlan plan = rotations.plan(r.name());
        if (plan.isEmpty()) {
            return List.of();
        }
        return plan.segments(now.minus(Duration.ofDays(7L * WEEKS_BACK)), now.plus(Duration.ofDays(7L * WEEKS_AHEAD)))
                .stream().filter(s -> s.primary() != null && s.shift() >= 0).toList();
    }

    private static Calendar calendar() {
        Calendar cal = new Calendar();
        cal.add(new ProdId("-//Watchkeeper//Rotations//EN"));
        cal.add(ImmutableVersion.VERSION_2_0);
        cal.add(ImmutableCalScale.GREGORIAN);
        return cal;
    }

    private VEvent event(RotationRow r, RotationPlan.Segment s, String role, String who, String summary) {
        VEvent e = new VEvent(s.start(), s.end(), summary);
        // Stable across refreshes so calendar clients update events rather than duplicate them.
        e.add(new Uid(r.name() + "-" + s.shift() + "-" + s.start().toEpochMilli() + "-" + role + "@watchkeeper"));
        e.add(new Description("Rotation " + r.name() + ", shift " + s.shift() + ". Primary: " + s.primary()
                + (s.overridden() ? " (override; scheduled: " + s.scheduled() + ")" : "")
                + (s.shadows().isEmpty() ? "" : ". Shadows: " + String.join(", ", s.shadows())) + "."));
        return e;
    }
}
