package dev.watchkeeper.slack;

import dev.watchkeeper.core.BadInputException;
import picocli.CommandLine;

/**
 * Slack command text parsed by the command line's own picocli classes (e.g. {@code triage.ItemCommand.Snooze}),
 * so a slash command and the CLI take the same arguments and refuse bad ones with the same words. The class is
 * only parsed, never run: nothing is injected into it, and the Slack handler decides what to do with the values.
 *
 * <p>Identity comes from the signed request: an explicit {@code --by} in the text is refused.
 */
final class SlashArgs {

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
        if (parsed.hasMatchedOption("--by")) {
            throw new BadInputException("--by", "is not taken in Slack: you act as yourself, the Slack user who sent the command");
        }
        return command;
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
