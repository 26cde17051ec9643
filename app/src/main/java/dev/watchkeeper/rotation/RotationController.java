package dev.watchkeeper.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.auth.Caller;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldReader;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.rotation.OverrideRow;
import dev.watchkeeper.db.rotation.ShadowCopyRow;
import dev.watchkeeper.db.rotation.SwapRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rotations over HTTP. The acting person is the API token's (a body's {@code by}, if sent, must name them);
 * changes are refused with 403 unless that person is a member of the rotation or an admin, and only admins create
 * rotations. Calendar feeds live under {@code /calendar/...} with a secret token in the path.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class RotationController {

    private final RotationService rotations;
    private final MembershipService membership;
    private final CoverService covers;
    private final ShadowingService shadowing;
    private final ShadowCopies copies;
    private final HandoffService handoffs;
    private final CalendarFeed calendars;

    public RotationController(RotationService rotations, MembershipService membership, CoverService covers,
                              ShadowingService shadowing, ShadowCopies copies, HandoffService handoffs,
                              CalendarFeed calendars) {
        this.rotations = rotations;
        this.membership = membership;
        this.covers = covers;
        this.shadowing = shadowing;
        this.copies = copies;
        this.handoffs = handoffs;
        this.calendars = calendars;
    }

    @Get("/api/rotations")
    public List<RotationView> list() {
        return rotations.views();
    }

    @Post("/api/rotations")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<RotationView> create(Caller caller, @Body String body) {
        caller.requireAdmin("create rotations");
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        String by = caller.actor(root, r);
        String name = r.text(root, "", "name", true);
        List<String> members = new ArrayList<>();
        JsonNode m = root.get("members");
        if (m == null || m.isNull()) {
            r.fail("members", "is required: handles in rotation order");
        } else if (!m.isArray()) {
            r.fail("members", "must be an array of handles, was " + FieldReader.kind(m));
        } else {
            for (int i = 0; i < m.size(); i++) {
                if (!m.get(i).isTextual() || m.get(i).asText().isBlank()) {
                    r.fail("members[" + i + "]", "must be a handle (a non-empty string)");
                } else {
                    members.add(m.get(i).asText());
                }
            }
        }
        Integer shiftDays = integer(r, root, "shiftDays");
        Integer shadowShifts = integer(r, root, "shadowShifts");
        String day = r.text(root, "", "handoffDay", false);
        String time = r.text(root, "", "handoffTime", false);
        String zone = r.text(root, "", "zone", false);
        String channel = r.text(root, "", "channel", false);
        String group = r.text(root, "", "userGroup", false);
        r.throwIfAny();
        RotationView v = membership.create(new NewRotation(name, members, shiftDays, day, time, zone,
                channel, group, shadowShifts), by);
        return HttpResponse.created(v);
    }

    @Get("/api/rotations/{name}")
    public RotationView show(@PathVariable String name) {
        return rotations.view(name);
    }

    @Get("/api/oncall")
    public List<OnCall> onCall() {
        return rotations.onCallNow();
    }

    /** "My shifts": {@code handle}'s primary and shadow stretches in every rotation, {@code ?weeks=N} ahead (default 8). */
    @Get("/api/people/{handle}/shifts")
    public List<PersonShift> shiftsOf(@PathVariable String handle, @Nullable @QueryValue String weeks) {
        int w = 8;
        if (weeks != null) {
            try {
                w = Integer.parseInt(weeks.strip());
            } catch (NumberFormatException e) {
                throw new BadInputException("weeks", "must be a whole number, was '" + weeks + "'");
            }
        }
        return rotations.shiftsOf(handle, w);
    }

    @Get("/api/rotations/{name}/now")
    public OnCall now(@PathVariable String name) {
        return rotations.onCallNow(name);
    }

    /** {@code ?weeks=N} from now (default 4), or {@code ?from=...&to=...}. */
    @Get("/api/rotations/{name}/schedule")
    public List<RotationPlan.Segment> schedule(@PathVariable String name, @Nullable @QueryValue String weeks,
                                               @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        if (from != null || to != null) {
            FieldReader r = new FieldReader();
            java.time.ZoneId zone = java.time.ZoneId.of(rotations.rotation(name).zone());
            Instant f = TimeInput.parse(from, zone, "from", r);
            Instant t = TimeInput.parse(to, zone, "to", r);
            r.throwIfAny();
            if (java.time.Duration.between(f, t).compareTo(dev.watchkeeper.core.Bounds.LONGEST_RANGE) > 0) {
                throw new BadInputException("to", "at most " + dev.watchkeeper.core.Bounds.LONGEST_RANGE.toDays()
                        + " days after from");
            }
            return rotations.schedule(name, f, t);
        }
        int w = 4;
        if (weeks != null) {
            try {
                w = Integer.parseInt(weeks.strip());
            } catch (NumberFormatException e) {
                throw new BadInputException("weeks", "must be a whole number, was '" + weeks + "'");
            }
        }
        return rotations.schedule(name, w);
    }

    /** Body {@code {}} joins the caller; {@code {"handle": "carol"}} adds someone else (members and admins). */
    @Post("/api/rotations/{name}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<MemberView> join(Caller caller, @PathVariable String name, @Body String body) {
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        String by = caller.actor(root, r);
        String handle = r.text(root, "", "handle", false);
        r.throwIfAny();
        return HttpResponse.created(membership.join(name, by, handle));
    }

    @Delete("/api/rotations/{name}/members/{handle}")
    public HttpResponse<?> leave(Caller caller, @PathVariable String name, @PathVariable String handle,
                                 @Nullable @QueryValue String by) {
        membership.leave(name, caller.actor("by", by), handle);
        return HttpResponse.noContent();
    }

    @Post("/api/rotations/{name}/members/{handle}/graduate")
    @Consumes(MediaType.APPLICATION_JSON)
    public MemberView graduate(Caller caller, @PathVariable String name, @PathVariable String handle,
                               @Nullable @Body String body) {
        return shadowing.graduate(name, by(caller, body), handle);
    }

    @Post("/api/rotations/{name}/members/{handle}/extend")
    @Consumes(MediaType.APPLICATION_JSON)
    public MemberView extend(Caller caller, @PathVariable String name, @PathVariable String handle, @Body String body) {
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        String by = caller.actor(root, r);
        Integer shifts = integer(r, root, "shifts");
        if (shifts == null && r.ok()) {
            r.fail("shifts", "is required: how many more shifts to shadow");
        }
        r.throwIfAny();
        return shadowing.extend(name, by, handle, shifts);
    }

    @Get("/api/rotations/{name}/overrides")
    public List<OverrideRow> overrides(@PathVariable String name) {
        return rotations.overrides(name);
    }

    /** Body {@code {"person": "bob", "from": "2026-03-03T18:00", "to": "2026-03-04"}}. */
    @Post("/api/rotations/{name}/overrides")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<OverrideRow> override(Caller caller, @PathVariable String name, @Body String body) {
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        String by = caller.actor(root, r);
        String person = r.text(root, "", "person", true);
        String from = r.text(root, "", "from", true);
        String to = r.text(root, "", "to", true);
        r.throwIfAny();
        return HttpResponse.created(covers.override(name, by, person, from, to));
    }

    @Get("/api/rotations/{name}/swaps")
    public List<SwapRow> swaps(@PathVariable String name, @Nullable @QueryValue String state) {
        return rotations.swaps(name, state);
    }

    /** Body {@code {"with": "bob", "mine": "2026-03-09", "theirs": "2026-03-16"}}. */
    @Post("/api/rotations/{name}/swaps")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<SwapRow> swap(Caller caller, @PathVariable String name, @Body String body) {
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        String by = caller.actor(root, r);
        String with = r.text(root, "", "with", true);
        String mine = r.text(root, "", "mine", true);
        String theirs = r.text(root, "", "theirs", true);
        r.throwIfAny();
        return HttpResponse.created(covers.requestSwap(name, by, with, mine, theirs));
    }

    @Post("/api/swaps/{id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public SwapRow confirm(Caller caller, @PathVariable int id, @Nullable @Body String body) {
        return covers.decideSwap(id, by(caller, body), true);
    }

    @Post("/api/swaps/{id}/decline")
    @Consumes(MediaType.APPLICATION_JSON)
    public SwapRow decline(Caller caller, @PathVariable int id, @Nullable @Body String body) {
        return covers.decideSwap(id, by(caller, body), false);
    }

    /** Volunteer to shadow a shift: body {@code {"shift": "2026-03-16"}} (default: the next shift). */
    @Post("/api/rotations/{name}/shadows")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<OnCall> volunteer(Caller caller, @PathVariable String name, @Body String body) {
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        String by = caller.actor(root, r);
        String shift = r.text(root, "", "shift", false);
        r.throwIfAny();
        return HttpResponse.created(shadowing.volunteer(name, by, shift));
    }

    @Get("/api/rotations/{name}/readiness")
    public List<Readiness> readiness(@PathVariable String name) {
        return rotations.readiness(name);
    }

    /** Sends the handoff summary of the shift so far; answers it with its text. */
    @Post("/api/rotations/{name}/handoff")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> handoff(Caller caller, @PathVariable String name, @Nullable @Body String body) {
        HandoffSummary s = handoffs.handoffNow(name, by(caller, body));
        return Map.of("summary", s, "text", s.toMarkdown());
    }

    /** The secret calendar URLs: the rotation's (members and admins) and the asker's own. */
    @Get("/api/rotations/{name}/calendar")
    public Map<String, String> calendarUrls(Caller caller, @PathVariable String name,
                                            @Nullable @QueryValue String by) {
        return membership.calendarUrls(name, caller.actor("by", by));
    }

    /** A shadow's answer to "what would you do?": body {@code {"guess": "act|ack|noise"}}. */
    @Post("/api/items/{id}/shadow-guess")
    @Consumes(MediaType.APPLICATION_JSON)
    public ShadowCopyRow guess(Caller caller, @PathVariable int id, @Body String body) {
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        String by = caller.actor(root, r);
        String guess = r.text(root, "", "guess", true);
        r.throwIfAny();
        return copies.guess(id, by, guess);
    }

    @Get("/api/items/{id}/shadows")
    public List<ShadowCopyRow> shadows(@PathVariable int id) {
        return copies.copies(id);
    }

    @Get("/calendar/rotation/{file}")
    public HttpResponse<String> rotationCalendar(@PathVariable String file) {
        return ics(calendars.rotationFeed(token(file)));
    }

    @Get("/calendar/person/{file}")
    public HttpResponse<String> personCalendar(@PathVariable String file) {
        return ics(calendars.personFeed(token(file)));
    }

    private static HttpResponse<String> ics(String body) {
        return HttpResponse.ok(body).contentType("text/calendar; charset=utf-8");
    }

    private static String token(String file) {
        if (!file.endsWith(".ics") || file.length() < 5) {
            throw new NotFoundException("no calendar at this address");
        }
        return file.substring(0, file.length() - 4);
    }


    /** The acting person: the token's; an empty body is fine. */
    private static String by(Caller caller, String body) {
        return caller.actor(body == null || body.isBlank() ? null : Json.parseObject(body));
    }

    private static Integer integer(FieldReader r, JsonNode root, String name) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isInt()) {
            r.fail(name, "must be a whole number, was " + FieldReader.kind(v));
            return null;
        }
        return v.asInt();
    }
}
