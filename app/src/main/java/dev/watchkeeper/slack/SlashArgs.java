package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.ForbiddenException;
import dev.watchkeeper.core.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.util.List;
import java.util.function.Supplier;

/**
 * Slack command text parsed by the command line's own picocli classes (e.g. {@code triage.ItemCommand.Snooze}),
 * so a slash command and the CLI take the same arguments and refuse bad ones with the same words. The class is
 * only parsed, never run: nothing is injected into it, and the Slack handler decides what to do with the values.
 *
 * <p>Identity comes from the signed request: an explicit {@code --by} or {@code --as} in the text is refused.
 */
final class SlashArgs {

    private static final Logger LOG = LoggerFactory.getLogger(SlashArgs.class);

    /** {@code --help} or {@code --version} was asked for: the answer is the command's usage. */
    static final class HelpAsked extends RuntimeException {
        HelpAsked(String usage) {
            super(usage, null, false, false);
        }
    }

    private SlashArgs() {
    }

    /**
     * Parses {@code text} into {@code command}, named {@code name} in messages (e.g. {@code /triage snooze}).
     * Throws picocli's ParameterException for bad input, BadInputException for a {@code --by}.
     */
    static <T> T parse(T command, String name, String text) {
        CommandLine cl = new CommandLine(command);
        cl.setCommandName(name);
        // Slack text is prose: a word like "-5%" in a note or an item's text is text, not an unknown option.
        cl.setUnmatchedOptionsArePositionalParams(true);
        CommandLine.ParseResult parsed = cl.parseArgs(tokens(text));
        if (parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()) {
            throw new HelpAsked(cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
        }
        for (String identity : IDENTITY) {
            if (parsed.hasMatchedOption(identity)) {
                throw new BadInputException(identity, "is not taken in Slack: you act as yourself, the Slack user who sent the command");
            }
        }
        return command;
    }

    /** The options that name who acts on the command line. */
    private static final List<String> IDENTITY = List.of("--by", "--as");

    /**
     * Runs a slash command's handler and answers what went wrong in {@link SlackAnswer}'s one style: bad input field
     * by field followed by {@code usage} (mrkdwn, escaped), a missing or forbidden thing in its sentence, anything
     * else as {@link SlackAnswer#FAILED} (logged); {@code --help} with the usage of the subcommand's options.
     */
    static ObjectNode answer(String command, String usage, Supplier<ObjectNode> handler) {
        try {
            return handler.get();
        } catch (HelpAsked help) {
            return SlackAnswer.ephemeral("```" + SlackText.escape(help.getMessage().strip()) + "```");
        } catch (BadInputException | CommandLine.ParameterException e) {
            return SlackAnswer.ephemeral(SlackAnswer.problems(e) + "\n" + usage);
        } catch (NotFoundException | ForbiddenException e) {
            return SlackAnswer.error(e);
        } catch (RuntimeException e) {
            LOG.error("{} failed", command, e);
            return SlackAnswer.error(e);
        }
    }

    /** The answer to a subcommand that does not exist. */
    static ObjectNode unknown(String name, String usage) {
        return SlackAnswer.ephemeral("• Unknown subcommand `" + SlackText.escape(name) + "`\n" + usage);
    }

    /**
     * The words of the text, split at spaces and tabs. A line break stays inside its word, so a note or an item's
     * text written over several lines keeps them (its words are joined with single spaces).
     */
    static String[] tokens(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() ? new String[0] : t.split("\\h+");
    }
}
