package dev.watchkeeper.core;

/**
 * Marks a picocli {@code @Command} of a domain as a top-level command of {@code watchkeeper}. The root command
 * lists them ({@code cli.WatchkeeperCommand.DOMAIN_COMMANDS}) so that a command line is parsed, and help printed,
 * before any application context starts; a test fails when a marked command is missing from that list.
 */
public interface TopLevelCommand {
}
