package dev.watchkeeper.slack;

import com.slack.api.bolt.App;
import dev.watchkeeper.report.ReportCommands;
import dev.watchkeeper.rotation.OncallCommands;
import dev.watchkeeper.rotation.Reply;
import jakarta.inject.Singleton;

/**
 * {@code /oncall} and {@code /report}: the rotation and report domains answer in plain text, this only
 * maps the Slack user to a person, mentions to handles, and escapes the answer. A report can take a
 * while to draft, so {@code /report} answers at once and delivers through the response_url.
 */
@Singleton
public class DomainCommands implements SlackHandlers {

    private final OncallCommands oncall;
    private final ReportCommands reports;
    private final SlackPeople people;
    private final SlackLater later;

    public DomainCommands(OncallCommands oncall, ReportCommands reports, SlackPeople people, SlackLater later) {
        this.oncall = oncall;
        this.reports = reports;
        this.people = people;
        this.later = later;
    }

    @Override
    public void register(App app) {
        app.command("/oncall", (req, ctx) -> {
            var p = req.getPayload();
            Reply reply = oncall.handle(people.handle(p.getUserId(), p.getUserName()), people.mentionsToHandles(p.getText()));
            return SlackAnswer.json(SlackAnswer.ephemeral(SlackText.escape(reply.text())));
        });
        app.command("/report", (req, ctx) -> {
            var p = req.getPayload();
            String actor = people.handle(p.getUserId(), p.getUserName());
            String text = people.mentionsToHandles(p.getText());
            return later.ackThen(p.getResponseUrl(), "Working on it…",
                    () -> SlackAnswer.ephemeral(SlackText.escape(reports.handle(actor, text))));
        });
    }
}
