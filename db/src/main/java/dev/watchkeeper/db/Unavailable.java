package dev.watchkeeper.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/**
 * Recognises failures of the store itself (read-only or moved file, full disk, I/O error, lock timeout) as
 * opposed to bad requests or bugs: those are worth a retry once the operator fixes the machine.
 */
public final class Unavailable {

    private static final String[] CODES = {"SQLITE_READONLY", "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_CANTOPEN",
            "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_NOTADB", "SQLITE_CORRUPT"};

    private static final String PREFIX = "store unavailable: ";

    private Unavailable() {
    }

    /** An exception that {@link #reason} recognises, saying {@code reason}. */
    static RuntimeException because(String reason) {
        return new IllegalStateException(reason, new Exception(PREFIX + reason));
    }

    /** A short reason when {@code t} (or a cause) is a storage failure, else null. */
    public static String reason(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof Exception e && e.getClass() == Exception.class && c.getMessage() != null
                    && c.getMessage().startsWith(PREFIX)) {
                return c.getMessage().substring(PREFIX.length());
            }
            if (c instanceof SQLTransientConnectionException) {
                return "no database connection available";
            }
            if (c instanceof SQLException) {
                String m = String.valueOf(c.getMessage()).toUpperCase(Locale.ROOT);
                for (String code : CODES) {
                    if (m.contains(code)) {
                        return code.equals("SQLITE_READONLY") && m.contains("DBMOVED")
                                ? "the database file was moved or deleted"
                                : switch (code) {
                                    case "SQLITE_READONLY" -> "the database is read-only";
                                    case "SQLITE_FULL" -> "the database or disk is full";
                                    case "SQLITE_BUSY", "SQLITE_LOCKED" -> "the database is locked";
                                    case "SQLITE_CANTOPEN" -> "the database file cannot be opened";
                                    default -> "the database cannot be read or written (" + code + ")";
                                };
                    }
                }
            }
        }
        return null;
    }
}
