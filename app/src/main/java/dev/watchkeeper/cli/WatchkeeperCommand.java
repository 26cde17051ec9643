package dev.watchkeeper.cli;

import dev.watchkeeper.core.TopLevelCommand;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.core.NotFoundException;
import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The one command line of the runnable jar. With no arguments it serves. */
@Command(name = "watchkeeper",
        description = "On-call incident and triage assistant: Slack bot, HTTP service and CLI.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        subcommands = {ServeCommand.class, MigrateCommand.class, VersionCommand.class, AotTrainingCommand.class})
public class WatchkeeperCommand implements Runnable {

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
        try (ApplicationContext ctx = ApplicationContext.builder(WatchkeeperCommand.class, Environment.CLI)
                .properties(properties)
                .start()) {
            return execute(ctx, out, err, args);
        } catch (RuntimeException e) {
            err.println("error: " + rootMessage(e));
            err.flush();
            return 1;
        }
    }

    private static int execute(ApplicationContext ctx, PrintWriter out, PrintWriter err, String... args) {
        MicronautFactory factory = new MicronautFactory(ctx);
        CommandLine cmd = new CommandLine(WatchkeeperCommand.class, factory);
        // Each domain contributes its own top-level commands (queue, item, model, rotation, ...). Building a
        // command's model reads its annotations by reflection: when the line names one, only that one is built.
        List<Class<?>> commands = ctx.getBeanDefinitions(TopLevelCommand.class).stream()
                .<Class<?>>map(d -> d.getBeanType())
                .sorted(java.util.Comparator.comparing(t -> t.getAnnotation(Command.class).name()))
                .toList();
        List<Class<?>> named = commands.stream()
                .filter(t -> args.length > 0 && names(t).contains(args[0]))
                .toList();
        (named.isEmpty() ? commands : named).forEach(t -> cmd.addSubcommand(new CommandLine(t, factory)));
        // Alert text reaches the terminal: escape control sequences on the way out.
        cmd.setOut(TerminalText.safe(out));
        cmd.setErr(TerminalText.safe(err));
        cmd.setExecutionExceptionHandler(WatchkeeperCommand::handle);
        int code = cmd.execute(args);
        cmd.getOut().flush();
        cmd.getErr().flush();
        out.flush();
        err.flush();
        return code;
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
