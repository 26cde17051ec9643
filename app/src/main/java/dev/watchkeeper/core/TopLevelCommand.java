package dev.watchkeeper.core;

/**
 * Marks a picocli {@code @Command} (annotated {@code @Prototype}) as a top-level command of
 * {@code watchkeeper}. Domains add commands this way, without editing a central list.
 */
public interface TopLevelCommand {
}
