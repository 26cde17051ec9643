package dev.watchkeeper.cli;

import dev.watchkeeper.core.DefaultSettings;
import dev.watchkeeper.db.Database;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code watchkeeper serve}: the HTTP server, Slack app and scheduled jobs. The default command. */
@Command(name = "serve", description = "Start the server (the default when no command is given).",
        mixinStandardHelpOptions = true)
public class ServeCommand implements Runnable {


    @Option(names = "--port", description = "Port to listen on (default: WATCHKEEPER_PORT or 8080).")
    Integer port;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Map<String, Object> props = new HashMap<>();
        if (port != null) {
            props.put("micronaut.server.port", port);
        }
        ApplicationContext ctx = ApplicationContext.builder(WatchkeeperCommand.class)
                .propertySources(DefaultSettings.source())
                .environments(dev.watchkeeper.core.Environments.SERVER)
                .properties(props)
                .start();
        EmbeddedServer server = ctx.getBean(EmbeddedServer.class);
        try {
            server.start();
        } catch (RuntimeException e) {
            int wanted = port != null ? port : ctx.getProperty("micronaut.server.port", Integer.class).orElse(8080);
            ctx.close();
            if (causedByBind(e)) {
                throw new IllegalStateException("port " + wanted + " is already in use (another Watchkeeper?): "
                        + "stop it, or choose another port with --port N or WATCHKEEPER_PORT=N");
            }
            throw e;
        }
        Database db = ctx.getBean(Database.class);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Watchkeeper " + VersionCommand.version() + " listening on " + server.getURL());
        out.println("  Database: " + db.url() + " (schema version " + db.schemaVersion() + ")");
        for (String line : StatusLines.of(ctx)) {
            out.println("  " + line);
        }
        // Command lines run in the same folder with the same settings are answered here (CommandSocket).
        java.util.Optional<CommandSocket> commands = CommandSocket.open(ctx);
        out.println("  Commands: " + commands.map(c -> "answered by this server (" + c.path() + ")")
                .orElse("each starts on its own"));
        out.flush();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            commands.ifPresent(CommandSocket::close);
            ctx.close();
            stopped.countDown();
        }, "watchkeeper-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }
}
