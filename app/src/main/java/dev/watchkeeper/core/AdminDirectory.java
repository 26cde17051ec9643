package dev.watchkeeper.core;

/** Who is an admin: the people named in {@code watchkeeper.admins} and the holders of an admin API token. */
public interface AdminDirectory {
    boolean isAdmin(String handle);
}
