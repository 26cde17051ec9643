package dev.watchkeeper.core;

/** A command that only groups its subcommands: run on its own, it prints its usage. */
public abstract class CommandGroup extends PrintingCommand {

    @Override
    public void run() {
        spec.commandLine().usage(out());
    }
}
