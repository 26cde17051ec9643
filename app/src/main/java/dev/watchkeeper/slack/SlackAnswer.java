package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.response.Response;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.core.ForbiddenException;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.core.NotFoundException;
import picocli.CommandLine;

import java.util.List;
import java.util.stream.Collectors;

import static dev.watchkeeper.slack.SlackText.escape;

/**
 * The one shape of every Slack answer (slash commands, buttons, shortcuts): an ephemeral message, and what went
 * wrong said by one rule, always escaped: what was typed is answered field by field ({@code • field: problem}, one
 * line each; what is missing or forbidden in one sentence), what was clicked in sentences alone
 * ({@link #sentences}); a failure that is not the person's doing is {@link #FAILED} (the caller logs it).
 */
public final class SlackAnswer {

    public static final String FAILED = "Sorry, that failed on our side; the error was logged.";

    private SlackAnswer() {
    }

    /** A message only the person who asked sees ({@code mrkdwn} is already escaped). */
    public static ObjectNode ephemeral(String mrkdwn) {
        ObjectNode msg = Json.object();
        msg.put("response_type", "ephemeral");
        msg.put("text", mrkdwn);
        return msg;
    }

    /** The same, sent later through a response_url: it is added beside the message clicked, never replacing it. */
    public static ObjectNode followUp(String mrkdwn) {
        return ephemeral(mrkdwn).put("replace_original", false);
    }

    /** An answer the whole channel sees. */
    public static ObjectNode inChannel(String mrkdwn) {
        return ephemeral(mrkdwn).put("response_type", "in_channel");
    }

    /**
     * The problems of a refused request as mrkdwn: bad input as {@code • field: problem} lines, a missing or
     * forbidden thing as its one sentence; null when {@code e} is not a refusal (a bug: log it).
     */
    public static String problems(RuntimeException e) {
        List<String> lines = lines(e);
        if (lines == null) {
            return null;
        }
        return e instanceof NotFoundException || e instanceof ForbiddenException ? escape(lines.getFirst())
                : lines.stream().map(l -> "• " + escape(l)).collect(Collectors.joining("\n"));
    }

    /**
     * The problems of a refused click (a button, a menu) as mrkdwn: the sentences alone, joined by "; ". Whoever
     * clicked typed no field, so no field is named; null when {@code e} is not a refusal.
     */
    public static String sentences(RuntimeException e) {
        if (e instanceof BadInputException bad) {
            return escape(bad.errors().stream().map(FieldError::problem).collect(Collectors.joining("; ")));
        }
        List<String> lines = lines(e);
        return lines == null ? null : escape(String.join("; ", lines));
    }

    /** The same problems as plain text on one line (a modal's field error shows no mrkdwn). */
    public static String plain(RuntimeException e) {
        List<String> lines = lines(e);
        return lines == null ? FAILED : String.join("; ", lines);
    }

    /** {@link #problems}, or {@link #FAILED} for anything else: an ephemeral answer either way. */
    public static ObjectNode error(RuntimeException e) {
        String p = problems(e);
        return ephemeral(p == null ? FAILED : p);
    }

    private static List<String> lines(RuntimeException e) {
        return switch (e) {
            case BadInputException bad -> bad.errors().stream().map(SlackAnswer::line).toList();
            // picocli's own words, the same as the command line prints
            case CommandLine.ParameterException p -> List.of(p.getMessage());
            case NotFoundException nf -> List.of(nf.getMessage());
            case ForbiddenException f -> List.of(f.getMessage());
            default -> null;
        };
    }

    private static String line(FieldError fe) {
        return fe.field() + ": " + fe.problem();
    }

    /** A Bolt response carrying {@code body} as the immediate answer. */
    public static Response json(ObjectNode body) {
        return Response.builder().statusCode(200).contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
                .body(Json.write(body)).build();
    }
}
