package dev.watchkeeper.cli;

import io.micronaut.context.ApplicationContext;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * A running server answers command lines for its own user: the launcher hands a served command
 * ({@link CommandProtocol#served}) to {@link CommandClient}, which sends it here over a Unix socket, and the command runs with the
 * server's beans, already started, instead of starting a JVM and an application context of its own (about a
 * second; figures in docs/performance.md). What the command prints and its exit code go back unchanged.
 *
 * <p>Who may ask: only a process of the server's own OS user (the socket's peer credentials; the socket's folder
 * is the user's, mode 700), which could run the same command itself. A command runs here only when it would mean
 * the same as on its own: same working folder, same {@code WATCHKEEPER_*} settings
 * ({@link CommandProtocol}); otherwise the client is told {@link CommandProtocol#NOT_HERE} and the launcher runs it alone.
 */
final class CommandSocket implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandSocket.class);

    /** Commands that may run here at once; more wait for none, they run on their own. */
    private static final int AT_ONCE = 4;

    private final ApplicationContext ctx;
    private final ServerSocketChannel channel;
    private final Path path;
    private final Map<String, String> settings;
    private final Semaphore running = new Semaphore(AT_ONCE);
    private final Thread acceptor;

    private CommandSocket(ApplicationContext ctx, ServerSocketChannel channel, Path path, Map<String, String> settings) {
        this.ctx = ctx;
        this.channel = channel;
        this.path = path;
        this.settings = settings;
        this.acceptor = Thread.ofPlatform().daemon().name("watchkeeper-command-socket").start(this::accept);
    }

    /**
     * Opens the socket for this process's settings, or nothing when another server already answers on it or
     * there is no private folder for it (the server works the same; commands start on their own).
     */
    static Optional<CommandSocket> open(ApplicationContext ctx) {
        Map<String, String> settings = CommandProtocol.settings();
        Optional<Path> where = CommandProtocol.of(settings, true);
        if (where.isEmpty()) {
            return Optional.empty();
        }
        Path path = where.get();
        try {
            if (Files.exists(path)) {
                try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                    return Optional.empty(); // another server with the same settings answers there
                } catch (IOException stale) {
                    Files.deleteIfExists(path); // left by a server that was killed
                }
            }
            ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            channel.bind(UnixDomainSocketAddress.of(path));
            return Optional.of(new CommandSocket(ctx, channel, path, settings));
        } catch (IOException e) {
            LOG.warn("command socket: not opened ({}); commands start on their own", e.getMessage());
            return Optional.empty();
        }
    }

    Path path() {
        return path;
    }

    private void accept() {
        while (channel.isOpen()) {
            try {
                SocketChannel client = channel.accept();
                Thread.ofVirtual().name("watchkeeper-command").start(() -> answer(client));
            } catch (IOException e) {
                if (channel.isOpen()) {
                    LOG.warn("command socket: {}", e.getMessage());
                }
            }
        }
    }

    private void answer(SocketChannel client) {
        try (client) {
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!peer.user().getName().equals(System.getProperty("user.name"))) {
                LOG.warn("command socket: refused a process of user {}", peer.user().getName());
                return;
            }
            DataInputStream in = new DataInputStream(Channels.newInputStream(client));
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(client));
            CommandProtocol.Request r = CommandProtocol.Request.read(in);
            if (r == null || !r.settings().equals(settings) || !CommandProtocol.served(r.args()) || !running.tryAcquire()) {
                out.writeInt(CommandProtocol.NOT_HERE);
                out.flush();
                return;
            }
            try {
                StringWriter stdout = new StringWriter();
                StringWriter stderr = new StringWriter();
                int code = WatchkeeperCommand.execute(ctx, new PrintWriter(stdout), new PrintWriter(stderr), r.args());
                out.writeInt(code);
                CommandProtocol.writeString(out, stdout.toString());
                CommandProtocol.writeString(out, stderr.toString());
                out.flush();
            } finally {
                running.release();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("command socket: a command line failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
            acceptor.join(1_000);
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("command socket: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
