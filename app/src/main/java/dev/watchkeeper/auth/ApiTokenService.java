package dev.watchkeeper.auth;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.auth.ApiTokenRow;
import dev.watchkeeper.db.auth.ApiTokenStore;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.notify.PersonStore;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API tokens: a person's credential on the HTTP API and the web pages, with a role. The secret
 * ({@code wk_} and 43 URL-safe characters) is shown once at creation; only its SHA-256 is stored. A person is an
 * admin on a request when the token's role is admin or their handle is in {@code watchkeeper.admins}.
 */
@Singleton
public class ApiTokenService implements dev.watchkeeper.core.AdminDirectory {

    /** Every token starts so: secret scanners and people recognise it. */
    public static final String PREFIX = "wk_";
    static final int MAX_LISTED = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HANDLE = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    /** A token look-up is reused this long; a revocation from another process takes effect within it. */
    static final long CACHE_NANOS = 1_000_000_000L;
    /** last_used_at is written at most this often per token. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Database db;
    private final ApiTokenStore store;
    private final PersonStore people;
    private final Clock clock;
    private final List<String> configuredAdmins;
    private final Map<String, Cached> recent = new ConcurrentHashMap<>();
    private final Map<Integer, Instant> touched = new ConcurrentHashMap<>();

    private record Cached(Optional<ApiTokenRow> row, long atNanos) {
    }

    public ApiTokenService(Database db, ApiTokenStore store, PersonStore people, Clock clock,
                           @Value("${watchkeeper.admins:}") List<String> admins) {
        this.db = db;
        this.store = store;
        this.people = people;
        this.clock = clock;
        this.configuredAdmins = admins.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A new token and its secret, shown once. */
    public record Created(ApiTokenRow token, String secret) {
    }

    /**
     * A token for the person with this handle (created on first use).
     *
     * @param createdBy the admin's handle, or {@code cli} for the local operator
     */
    public Created create(String handle, String role, String label, String createdBy) {
        List<FieldError> errors = new ArrayList<>();
        String h = handle == null ? null : handle.strip();
        if (h != null && h.startsWith("@")) {
            h = h.substring(1);
        }
        if (h == null || h.isEmpty()) {
            errors.add(new FieldError("person", "is required: the handle of the person the token acts as"));
        } else if (!h.matches(HANDLE)) {
            errors.add(new FieldError("person", "must be 1-64 letters, digits, '.', '_' or '-'; was '"
                    + dev.watchkeeper.core.Bounds.cut(h, 80) + "'"));
        }
        Role r = role == null || role.isBlank() ? Role.MEMBER : Role.parse(role);
        if (r == null) {
            errors.add(new FieldError("role", "must be member or admin; was '" + dev.watchkeeper.core.Bounds.cut(role, 40) + "'"));
        }
        String l = label == null || label.isBlank() ? null : label.strip();
        if (l != null && l.length() > 100) {
            errors.add(new FieldError("label", "must be at most 100 characters"));
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        String person = h;
        ApiTokenRow row = db.write(tx -> {
            int personId = people.idForHandle(tx, person, now);
            int id = store.create(tx, personId, r.id(), sha256(secret), secret.substring(0, PREFIX.length() + 6), l,
                    createdBy, now);
            return store.find(tx, id).orElseThrow();
        });
        return new Created(row, secret);
    }

    public List<ApiTokenRow> list() {
        return db.read(dsl -> store.list(dsl, MAX_LISTED));
    }

    public Optional<ApiTokenRow> find(int id) {
        return db.read(dsl -> store.find(dsl, id));
    }

    /** Revokes a token: it is refused from now on (within a second on other instances). */
    public ApiTokenRow revoke(int id) {
        Instant now = clock.instant();
        ApiTokenRow row = db.write(tx -> {
            store.find(tx, id).orElseThrow(() -> new NotFoundException("token " + id + " does not exist"));
            store.revoke(tx, id, now);
            return store.find(tx, id).orElseThrow();
        });
        recent.clear();
        return row;
    }

    /** The caller a secret authenticates: an unrevoked token's person, with the role in force. */
    public Optional<Caller> authenticate(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 200) {
            return Optional.empty();
        }
        String hash = sha256(secret.strip());
        long nanos = System.nanoTime();
        Cached c = recent.get(hash);
        if (c == null || nanos - c.atNanos() > CACHE_NANOS) {
            if (recent.size() > 10_000) {
                recent.clear();
            }
            c = new Cached(db.read(dsl -> store.findByHash(dsl, hash)).filter(r -> !r.revoked()), nanos);
            recent.put(hash, c);
        }
        return c.row().map(row -> {
            touch(row.id());
            Role role = Role.ADMIN.id().equals(row.role()) || configuredAdmins.contains(row.handle()) ? Role.ADMIN
                    : Role.MEMBER;
            return new Caller(row.handle(), role, row.id());
        });
    }

    private void touch(int id) {
        Instant now = clock.instant();
        Instant last = touched.get(id);
        if (last != null && Duration.between(last, now).compareTo(TOUCH_EVERY) < 0 && !now.isBefore(last)) {
            return;
        }
        touched.put(id, now);
        try {
            db.writeVoid(tx -> store.touch(tx, id, now));
        } catch (RuntimeException e) {
            // Recording the last use is a courtesy: a busy or read-only database must not refuse the request.
        }
    }

    /** A person is an admin when configured in {@code watchkeeper.admins} or holding an unrevoked admin token. */
    @Override
    public boolean isAdmin(String handle) {
        if (handle == null) {
            return false;
        }
        return configuredAdmins.contains(handle) || db.read(dsl -> store.holdsActive(dsl, handle, Role.ADMIN.id()));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
