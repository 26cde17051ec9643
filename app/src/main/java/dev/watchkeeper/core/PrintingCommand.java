package dev.watchkeeper.core;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * A picocli command that prints to its command line's output (the terminal, or what a test captures). Its
 * {@code @Command} has no attributes: a subclass's own {@code @Command} says everything.
 */
@CommandLine.Command
public abstract class PrintingCommand implements Runnable {

    @CommandLine.Spec
    protected CommandLine.Model.CommandSpec spec;

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
