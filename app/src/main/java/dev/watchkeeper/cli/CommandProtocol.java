package dev.watchkeeper.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a command line and a server's {@link CommandSocket} say to each other, and where the socket is, computed the same way by the server and by the command line: a folder of the
 * user's own ({@code $XDG_RUNTIME_DIR} or {@code /tmp}, then {@code watchkeeper-UID}, mode 700) and a file named by
 * the working folder and the {@code WATCHKEEPER_*} variables. A command line finds a server only when both run in
 * the same folder with the same settings, so a command means the same in either place (the same database, the
 * same relative paths, the same default actor). Plain Java only: the client loads nothing else.
 */
final class CommandProtocol {

    /** Launcher settings, not the application's: they do not change what a command means. */
    static final Set<String> LAUNCHER_ONLY = Set.of("WATCHKEEPER_AOT", "WATCHKEEPER_BUILD", "WATCHKEEPER_JAVA_OPTS",
            "WATCHKEEPER_SERVER_COMMANDS");

    private CommandProtocol() {
    }

    /** This process's settings that a command depends on: the working folder and the WATCHKEEPER_* variables. */
    static Map<String, String> settings() {
        Map<String, String> s = new TreeMap<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("WATCHKEEPER_") && !LAUNCHER_ONLY.contains(k)) {
                s.put(k, v);
            }
        });
        s.put("cwd", System.getProperty("user.dir"));
        s.put("user", System.getProperty("user.name"));
        return s;
    }

    /** The socket for these settings, or empty where there is no private folder for it (not Linux, or unsafe). */
    static Optional<Path> of(Map<String, String> settings, boolean create) {
        Optional<Path> dir = folder(create);
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            settings.forEach((k, v) -> sha.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
            return Optional.of(dir.get().resolve(HexFormat.of().formatHex(sha.digest()).substring(0, 20) + ".sock"));
        } catch (NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    /** The user's folder, only if it belongs to this user and nobody else may enter it. */
    private static Optional<Path> folder(boolean create) {
        try {
            int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            String base = System.getenv("XDG_RUNTIME_DIR");
            Path dir = Path.of(base == null || base.isBlank() ? "/tmp" : base, "watchkeeper-" + uid);
            if (create && !Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, EnumSet.of(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
            }
            if (!Files.isDirectory(dir) || (Integer) Files.getAttribute(dir, "unix:uid") != uid
                    || !Files.getPosixFilePermissions(dir).equals(EnumSet.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE))) {
                return Optional.empty();
            }
            return Optional.of(dir);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no /proc (not Linux) or no POSIX permissions: commands run on their own
        }
    }

    /** The answer (an exit code the commands never use) that sends a command back to run on its own. */
    static final int NOT_HERE = 125;
    static final int PROTOCOL = 1;
    /** Bounds on a request: arguments, settings, and the length of each string. */
    static final int MAX_ARGS = 200;
    static final int MAX_SETTINGS = 500;
    static final int MAX_STRING = 64 * 1024;
    /**
     * Commands served: short ones that answer only through their output. Long runs (demo, training, imports),
     * commands that read standard input or print progress to the process's error stream run on their own. The
     * launcher lists the same top-level names, so that it starts the client only for them (CommandSocketTest).
     */
    static final Set<String> SERVED = Set.of("queue", "item", "rotation", "person", "token", "integration",
            "note", "knowledge");
    static final Map<String, Set<String>> SERVED_SUBCOMMANDS = Map.of(
            "model", Set.of("list", "show"),
            "report", Set.of("list", "show"));

    /** Whether the launcher should offer this command line to a server at all. */
    static boolean served(String... args) {
        if (args.length == 0) {
            return false;
        }
        if (SERVED.contains(args[0])) {
            return true;
        }
        Set<String> subs = SERVED_SUBCOMMANDS.get(args[0]);
        return subs != null && args.length > 1 && subs.contains(args[1]);
    }

    /** A command line as the client sends it: its settings and its arguments. */
    record Request(Map<String, String> settings, String[] args) {

        void write(DataOutputStream out) throws IOException {
            out.writeInt(PROTOCOL);
            out.writeInt(settings.size());
            for (Map.Entry<String, String> e : settings.entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
            out.writeInt(args.length);
            for (String a : args) {
                writeString(out, a);
            }
            out.flush();
        }

        /** Null when the request is not one this server reads (another version, or out of bounds). */
        static Request read(DataInputStream in) throws IOException {
            if (in.readInt() != PROTOCOL) {
                return null;
            }
            int n = in.readInt();
            if (n < 0 || n > MAX_SETTINGS) {
                return null;
            }
            Map<String, String> settings = new java.util.TreeMap<>();
            for (int i = 0; i < n; i++) {
                String k = readString(in);
                String v = readString(in);
                if (k == null || v == null) {
                    return null;
                }
                settings.put(k, v);
            }
            int count = in.readInt();
            if (count < 0 || count > MAX_ARGS) {
                return null;
            }
            String[] args = new String[count];
            for (int i = 0; i < count; i++) {
                args[i] = readString(in);
                if (args[i] == null) {
                    return null;
                }
            }
            return new Request(settings, args);
        }
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** A string of at most {@link #MAX_STRING} bytes, else null. */
    static String readString(DataInputStream in) throws IOException {
        return readString(in, MAX_STRING);
    }

    static String readString(DataInputStream in, int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            return null;
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

}
