package dev.watchkeeper.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.ForbiddenException;

/**
 * Who sent an HTTP request, from their credential (an API token, or the session cookie of the web pages): the
 * person's handle and their role. Controllers take it as an argument; it is never read from a request body.
 *
 * @param tokenId the token the request was authenticated with
 */
public record Caller(String handle, Role role, int tokenId) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Refuses (403) a caller who is not an admin; {@code what} completes "only admins may ...". */
    public void requireAdmin(String what) {
        if (!isAdmin()) {
            throw new ForbiddenException(handle + " may not " + what + ": only admins may (this token's role is "
                    + role.id() + ")");
        }
    }

    /**
     * The acting person of a JSON body: always this caller. A body may still carry {@code by} (or {@code as}), as
     * before tokens, but only naming this caller; naming someone else is refused (400 naming the field) rather than
     * silently ignored, so a script written for the old API learns that it acts as its token's person.
     */
    public String actor(JsonNode body) {
        if (body != null) {
            for (String field : new String[]{"by", "as"}) {
                JsonNode v = body.get(field);
                if (v != null && !v.isNull()) {
                    check(field, v.isTextual() ? v.asText() : v.toString());
                }
            }
        }
        return handle;
    }

    /** The same, reporting a wrong claim to {@code r} with the body's other problems instead of throwing. */
    public String actor(JsonNode body, dev.watchkeeper.core.FieldReader r) {
        try {
            return actor(body);
        } catch (BadInputException e) {
            e.errors().forEach(f -> r.fail(f.field(), f.problem()));
            return handle;
        }
    }

    /** The same for a query parameter such as {@code ?by=}. */
    public String actor(String field, String claimed) {
        if (claimed != null) {
            check(field, claimed);
        }
        return handle;
    }

    private void check(String field, String claimed) {
        String c = claimed.strip();
        if (c.startsWith("@")) {
            c = c.substring(1);
        }
        if (!c.equals(handle)) {
            throw new BadInputException(field, "is taken from your API token, which is " + handle
                    + "'s; leave it out (or send " + handle + "); it may not name someone else");
        }
    }
}
