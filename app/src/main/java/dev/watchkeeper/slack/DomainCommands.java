package dev.watchkeeper.slack;

import com.slack.api.bolt.App;
import jakarta.inject.Singleton;

/**
 * {@code /oncall} and {@code /report}: the Slack user becomes the person who acts, mentions become handles, and
 * {@link OncallSlash} / {@link ReportSlash} parse the rest with the command line's classes. A report can take a while
 * to draft, so {@code /report} answers at once and delivers through the response_url.
 */
@Singleton
public class DomainCommands implements SlackHandlers {

    private final OncallSlash oncall;
    private final ReportSlash reports;
    private final SlackPeople people;
    private final SlackLater later;

    public DomainCommands(OncallSlash oncall, ReportSlash reports, SlackPeople people, SlackLater later) {
        this.oncall = oncall;
        this.reports = reports;
        this.people = people;
        this.later = later;
    }

    @Override
    public void register(App app) {
        app.command("/oncall", (req, ctx) -> {
            var p = req.getPayload();
            String actor = people.handle(p.getUserId(), p.getUserName());
            return SlackAnswer.json(oncall.run(actor, people.mentionsToHandles(p.getText())));
        });
        app.command("/report", (req, ctx) -> {
            var p = req.getPayload();
            String actor = people.handle(p.getUserId(), p.getUserName());
            String text = people.mentionsToHandles(p.getText());
            return later.ackThen(p.getResponseUrl(), "Working on it…", () -> reports.run(actor, text));
        });
    }
}
