package dev.watchkeeper.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code watchkeeper version}. */
@Command(name = "version", description = "Print the version.", mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class)
public class VersionCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static String version() {
        String v = VersionCommand.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    @Override
    public void run() {
        spec.commandLine().getOut().println("watchkeeper " + version() + " (Java " + Runtime.version() + ")");
    }

    public static class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"watchkeeper " + version()};
        }
    }
}
