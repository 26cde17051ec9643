package dev.watchkeeper.auth;

import java.util.Locale;

/** What a token's holder may do: a member uses the API; an admin also manages tokens, rotations and playbooks. */
public enum Role {
    MEMBER, ADMIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code text}, or null when it names none. */
    public static Role parse(String text) {
        if (text == null) {
            return null;
        }
        for (Role r : values()) {
            if (r.id().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        return null;
    }
}
