package dev.watchkeeper.slack;

import com.slack.api.bolt.App;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.rotation.ShadowCopies;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.regex.Pattern;

import static dev.watchkeeper.slack.SlackText.escape;

/** A shadow's answer to "what would you do?": the buttons of the copy {@link SlackOncallNotifier} sent them. */
@Singleton
@Requires(condition = SlackConfigured.class)
public class ShadowGuessSlack implements SlackHandlers {

    static final String GUESS = "wk_guess";

    private final ShadowCopies copies;
    private final SlackPeople people;
    private final SlackOutbox outbox;

    public ShadowGuessSlack(ShadowCopies copies, SlackPeople people, SlackOutbox outbox) {
        this.copies = copies;
        this.people = people;
        this.outbox = outbox;
    }

    @Override
    public void register(App app) {
        app.blockAction(Pattern.compile("^" + GUESS + "_(acted|ack|noise)$"), (req, ctx) -> {
            var p = req.getPayload();
            var action = p.getActions().getFirst();
            String[] v = action.getValue().split("\\|");
            String handle = people.handle(p.getUser().getId(), p.getUser().getUsername());
            String answer;
            try {
                copies.guess(Integer.parseInt(v[0]), handle, v[1]);
                answer = "Noted: you would " + ("acted".equals(v[1]) ? "act" : "ack".equals(v[1]) ? "acknowledge" : "call it noise")
                        + " on #" + v[0] + ". You will hear what the primary decided.";
            } catch (BadInputException | NotFoundException | NumberFormatException e) {
                answer = escape(e.getMessage());
            }
            if (p.getResponseUrl() != null) {
                outbox.respond(p.getResponseUrl(), SlackAnswer.followUp(answer));
            }
            return ctx.ack();
        });
    }
}
