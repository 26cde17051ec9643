package dev.watchkeeper.cli;

import dev.watchkeeper.core.DefaultSettings;
import dev.watchkeeper.core.JarServices;
import dev.watchkeeper.auth.TokenCommand;
import dev.watchkeeper.ingest.IntegrationCommand;
import dev.watchkeeper.knowledge.KnowledgeCommand;
import dev.watchkeeper.knowledge.NoteCommand;
import dev.watchkeeper.migrate.MigrateFromCommand;
import dev.watchkeeper.notify.PersonCommand;
import dev.watchkeeper.playbook.PlaybooksCommand;
import dev.watchkeeper.ranking.DemoCommand;
import dev.watchkeeper.ranking.HistoryCommand;
import dev.watchkeeper.ranking.ModelCommand;
import dev.watchkeeper.report.ReportCommand;
import dev.watchkeeper.review.ReviewCommand;
import dev.watchkeeper.rotation.RotationCommand;
import dev.watchkeeper.slack.SlackCommand;
import dev.watchkeeper.triage.ItemCommand;
import dev.watchkeeper.triage.QueueCommand;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.core.NotFoundException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The one command line of the runnable jar. With no arguments it serves.
 *
 * <p>A command line is parsed before anything else starts: help, the version and usage errors answer without
 * an application context. Only the command that runs gets one, and its {@code @Inject} fields are filled then
 * ({@link ApplicationContext#inject}). Building a command's model reads its annotations by reflection, so only
 * the command the line names is built; the top-level help lists the others from their annotations alone.
 */
@Command(name = "watchkeeper",
        description = "On-call incident and triage assistant: Slack bot, HTTP service and CLI.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class)
public class WatchkeeperCommand implements Runnable {

    /** The domains' top-level commands, in the order the help lists them. */
    static final List<Class<?>> DOMAIN_COMMANDS = List.of(
            DemoCommand.class, HistoryCommand.class, IntegrationCommand.class, ItemCommand.class,
            KnowledgeCommand.class, MigrateFromCommand.class, ModelCommand.class, NoteCommand.class,
            PersonCommand.class, PlaybooksCommand.class, QueueCommand.class, ReportCommand.class,
            ReviewCommand.class, RotationCommand.class, SlackCommand.class, TokenCommand.class);

    /**
     * Every top-level command: the root's own, then the domains'. Only the one a command line names is built
     * (picocli reads a command's annotations by reflection: building them all took 50 ms of every start).
     */
    static final List<Class<?>> COMMANDS = Stream.concat(
            Stream.of(ServeCommand.class, MigrateCommand.class, VersionCommand.class, AotTrainingCommand.class),
            DOMAIN_COMMANDS.stream()).toList();

    /** Commands that start what they need themselves (or need nothing): no CLI application context for them. */
    private static final Set<Class<?>> OWN_CONTEXT = Set.of(
            WatchkeeperCommand.class, ServeCommand.class, VersionCommand.class, AotTrainingCommand.class);

    /** Micronaut bean configurations only the server uses (web page views, the metrics registries). */
    private static final String[] SERVER_ONLY = {"io.micronaut.views", "io.micronaut.configuration.metrics"};

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        String[] command = args.length == 0 ? new String[]{"serve"} : args;
        if (!"serve".equals(command[0]) && System.getenv("WATCHKEEPER_LOG_LEVEL") == null) {
            // A command prints what it did; the domain's INFO log lines would only repeat it on stderr.
            quietDomainLogs();
        }
        System.exit(execute(Map.of(), command));
    }

    private static void quietDomainLogs() {
        if (org.slf4j.LoggerFactory.getLogger("dev.watchkeeper") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    /** Runs one command line in its own application context (the given properties override configuration). */
    public static int execute(Map<String, Object> properties, String... args) {
        return execute(properties, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** The same, writing to {@code out} and {@code err} (tests read them). */
    public static int execute(Map<String, Object> properties, PrintWriter out, PrintWriter err, String... args) {
        return execute(parsed -> run(parsed, properties), out, err, args);
    }

    /**
     * Runs one command line with the beans of a context that is already running (a server's, for the command
     * socket: {@link CommandSocket}); the context stays open.
     */
    static int execute(ApplicationContext running, PrintWriter out, PrintWriter err, String... args) {
        return execute(parsed -> runIn(running, parsed), out, err, args);
    }

    private static int execute(Runner runner, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = new CommandLine(WatchkeeperCommand.class);
        List<Class<?>> named = COMMANDS.stream()
                .filter(t -> args.length > 0 && names(t).contains(args[0]))
                .toList();
        if (named.isEmpty()) {
            COMMANDS.forEach(t -> cmd.addSubcommand(summary(t)));
        } else {
            named.forEach(t -> cmd.addSubcommand(new CommandLine(t)));
        }
        // Alert text reaches the terminal: escape control sequences on the way out.
        cmd.setOut(TerminalText.safe(out));
        cmd.setErr(TerminalText.safe(err));
        cmd.setExecutionExceptionHandler(WatchkeeperCommand::handle);
        cmd.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            // Before anything asks Micronaut for services (help and usage errors never do): it then reads the jar's
            // own list instead of listing the jar.
            JarServices.install();
            try {
                return runner.run(parsed);
            } catch (RuntimeException e) {
                if (e instanceof CommandLine.PicocliException) {
                    throw e; // the command's own error or a usage error: picocli's handlers answer it
                }
                return startFailed(e, cmd.getErr());
            }
        });
        int code = cmd.execute(args);
        cmd.getOut().flush();
        cmd.getErr().flush();
        out.flush();
        err.flush();
        return code;
    }

    /** How a parsed command line gets its dependencies and runs. */
    private interface Runner {
        int run(CommandLine.ParseResult parsed);
    }

    /** Help and version have answered; any other command gets an application context and its dependencies. */
    private static int run(CommandLine.ParseResult parsed, Map<String, Object> properties) {
        if (OWN_CONTEXT.contains(parsed.asCommandLineList().getLast().getCommand().getClass())) {
            return new CommandLine.RunLast().execute(parsed);
        }
        // No bootstrap context: a command's configuration is the files and variables of docs/configuration.md, and
        // looking for a bootstrap source costs start-up time.
        try (ApplicationContext ctx = ApplicationContext.builder(WatchkeeperCommand.class, Environment.CLI)
                .propertySources(DefaultSettings.source())
                .bootstrapEnvironment(false)
                .banner(false)
                .properties(commandProperties(properties))
                // The server's web pages and metrics: their beans' definitions cost every command start-up time.
                .exclude(SERVER_ONLY)
                .start()) {
            return runIn(ctx, parsed);
        }
    }

    /** Fills the {@code @Inject} fields of the command line's commands from {@code ctx} and runs the last one. */
    private static int runIn(ApplicationContext ctx, CommandLine.ParseResult parsed) {
        for (CommandLine c : parsed.asCommandLineList()) {
            if (!OWN_CONTEXT.contains(c.getCommand().getClass())) {
                ctx.inject(c.getCommand());
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** A command serves no metrics: none are kept (see {@code CommandMetrics}). The given properties win. */
    private static Map<String, Object> commandProperties(Map<String, Object> given) {
        Map<String, Object> all = new java.util.HashMap<>();
        all.put("micronaut.metrics.enabled", false);
        all.putAll(given);
        return all;
    }

    /** The database or the configuration could not be opened: one line, exit 1. */
    private static int startFailed(RuntimeException e, PrintWriter err) {
        err.println("error: " + rootMessage(e));
        err.flush();
        return 1;
    }

    /** A command's line in the top-level help, read from its annotation without building its model. */
    private static CommandLine summary(Class<?> command) {
        Command c = command.getAnnotation(Command.class);
        CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create().name(c.name()).aliases(c.aliases());
        spec.usageMessage().description(c.description()).hidden(c.hidden());
        return new CommandLine(spec);
    }

    private static List<String> names(Class<?> command) {
        Command c = command.getAnnotation(Command.class);
        List<String> names = new java.util.ArrayList<>(List.of(c.aliases()));
        names.add(c.name());
        return names;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage().strip();
    }

    /** Domain errors become one clear line and a non-zero exit, never a stack trace. */
    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof BadInputException) && !(cause instanceof NotFoundException)) {
            cause = cause.getCause();
        }
        if (cause instanceof BadInputException bad) {
            for (FieldError fe : bad.errors()) {
                err.println("error: " + fe.field() + ": " + fe.problem());
            }
            return 2;
        }
        if (cause instanceof NotFoundException nf) {
            err.println("error: " + nf.getMessage());
            return 1;
        }
        err.println("error: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
        return 1;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
