package dev.watchkeeper.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The command line's side of {@link CommandSocket}: sends a command line to the server running with the same
 * settings and prints its answer, in a JVM that loads nothing but this (the launcher starts it without the
 * application's start-up cache). Exits {@link CommandProtocol#NOT_HERE} when no server takes it, and the launcher
 * then runs the command on its own.
 */
public final class CommandClient {

    private CommandClient() {
    }

    public static void main(String[] args) {
        System.exit(run(CommandProtocol.settings(), System.out, System.err, args));
    }

    /** Sends {@code args} with these settings; prints the answer to {@code out} and {@code err}. */
    static int run(Map<String, String> settings, PrintStream out, PrintStream err, String... args) {
        Optional<Path> path = CommandProtocol.of(settings, false);
        if (!CommandProtocol.served(args) || path.isEmpty() || !Files.exists(path.get())) {
            return CommandProtocol.NOT_HERE;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(path.get()));
            new CommandProtocol.Request(settings, args).write(new DataOutputStream(Channels.newOutputStream(channel)));
            DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
            int code = in.readInt();
            if (code == CommandProtocol.NOT_HERE) {
                return code;
            }
            String printed = CommandProtocol.readString(in, Integer.MAX_VALUE);
            String errors = CommandProtocol.readString(in, Integer.MAX_VALUE);
            out.write(printed.getBytes(StandardCharsets.UTF_8));
            out.flush();
            err.write(errors.getBytes(StandardCharsets.UTF_8));
            err.flush();
            return code;
        } catch (IOException e) {
            return CommandProtocol.NOT_HERE; // no server there any more (a stale socket): run it alone
        }
    }
}
