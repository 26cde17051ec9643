package dev.watchkeeper.ingest;

import dev.watchkeeper.http.RateLimitedException;
import dev.watchkeeper.http.RateLimiter;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.ingest.IntegrationRow;
import dev.watchkeeper.db.ingest.IntegrationStore;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Integrations: the senders allowed to post alerts, each with a secret token. The token is shown once
 * at creation; only its SHA-256 is stored. Requests are admitted by {@link #admit}.
 */
@Singleton
public class IntegrationService {

    public static final List<String> KINDS = List.of("alertmanager", "pagerduty", "grafana", "generic");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final IntegrationStore store;
    private final RateLimiter rateLimiter;
    private final Clock clock;
    private final String baseUrl;
    /** Recent token look-ups: a sender posting many times a second costs one query a second. */
    private final Map<String, Cached> recent = new ConcurrentHashMap<>();

    /** How long a token look-up is reused; a revocation from another process takes effect within it. */
    static final long CACHE_NANOS = 1_000_000_000L;

    private record Cached(Optional<IntegrationRow> row, long atNanos) {
    }

    public IntegrationService(Database db, IntegrationStore store, RateLimiter rateLimiter, Clock clock,
                              @Nullable @Value("${watchkeeper.base-url:}") String baseUrl,
                              @Value("${micronaut.server.port:8080}") int port) {
        this.db = db;
        this.store = store;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
        String base = baseUrl == null || baseUrl.isBlank() ? "http://localhost:" + (port > 0 ? port : 8080) : baseUrl;
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** A new integration and its token, shown once. */
    public record Created(IntegrationRow integration, String token, String url) {
    }

    public Created create(String kind, String name) {
        List<FieldError> errors = new ArrayList<>();
        if (kind == null || !KINDS.contains(kind)) {
            errors.add(new FieldError("kind", "must be one of " + String.join(", ", KINDS) + "; was "
                    + (kind == null ? "missing" : "'" + kind + "'")));
        }
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "is required"));
        } else if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            errors.add(new FieldError("name", "must be 1-64 letters, digits, '.', '_' or '-'; was '" + name + "'"));
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        // 32 hex characters: the shape of a PagerDuty integration key, which some clients check.
        String token = HexFormat.of().formatHex(secret);
        Instant now = clock.instant();
        IntegrationRow row = db.write(tx -> {
            if (store.findByName(tx, name).isPresent()) {
                throw new BadInputException("name", "an integration named '" + name + "' already exists");
            }
            int id = store.create(tx, kind, name, Fingerprints.sha256(token), token.substring(token.length() - 4), now);
            return store.findByName(tx, name).filter(r -> r.id() == id).orElseThrow();
        });
        return new Created(row, token, urlFor(kind));
    }

    /** Where a sender of this kind posts. */
    public String urlFor(String kind) {
        return switch (kind) {
            case "pagerduty" -> baseUrl + "/v2/enqueue";
            default -> baseUrl + "/ingest/" + kind;
        };
    }

    /** The endpoints that accept tokens of this kind, for messages. */
    static String pathsFor(String kind) {
        return switch (kind) {
            case "pagerduty" -> "/v2/enqueue";
            case "generic" -> "/ingest/generic or /api/alerts";
            default -> "/ingest/" + kind;
        };
    }

    public List<IntegrationRow> list() {
        return db.read(store::list);
    }

    public IntegrationRow revoke(String name) {
        Instant now = clock.instant();
        IntegrationRow revoked = db.write(tx -> {
            IntegrationRow row = store.findByName(tx, name)
                    .orElseThrow(() -> new NotFoundException("integration '" + name + "' does not exist"));
            store.revoke(tx, row.id(), now);
            return store.findByName(tx, name).orElseThrow();
        });
        recent.clear();
        return revoked;
    }

    /** The active integration this token belongs to. */
    public Optional<IntegrationRow> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String hash = Fingerprints.sha256(token.strip());
        long now = System.nanoTime();
        Cached c = recent.get(hash);
        if (c == null || now - c.atNanos() > CACHE_NANOS) {
            if (recent.size() > 10_000) {
                recent.clear();
            }
            c = new Cached(db.read(dsl -> store.findByTokenHash(dsl, hash)).filter(r -> !r.revoked()), now);
            recent.put(hash, c);
        }
        return c.row();
    }

    /**
     * Admits a request: a valid, unrevoked token of the endpoint's kind, within its rate limit. With no token
     * it returns null when {@code required} is false (the anonymous {@code POST /api/alerts}). A token is bound
     * to its integration's kind, as PagerDuty binds an integration key to one integration type, so a token leaked
     * from one sender's configuration opens no other endpoint.
     *
     * @param kind     the kind of integration this endpoint serves
     * @param endpoint the endpoint's path, for the message (never the request path: it may hold the token)
     * @throws UnauthorizedException   when the token is missing (and required), unknown or revoked
     * @throws WrongTokenKindException when the token belongs to an integration of another kind
     * @throws RateLimitedException    when the integration is over its rate limit
     */
    public IntegrationRow admit(String token, boolean required, String kind, String endpoint) {
        if (token == null || token.isBlank()) {
            if (!required) {
                return null;
            }
            throw new UnauthorizedException("an integration token is required: send 'Authorization: Bearer TOKEN',"
                    + " or put it in the path (/ingest/KIND/TOKEN) or the query (?token=TOKEN)");
        }
        IntegrationRow row = authenticate(token)
                .orElseThrow(() -> new UnauthorizedException("the integration token is unknown or revoked"));
        if (!row.kind().equals(kind)) {
            throw new WrongTokenKindException(row.name(), row.kind(), endpoint, kind);
        }
        OptionalLong wait = rateLimiter.tryAcquire(row.id());
        if (wait.isPresent()) {
            throw new RateLimitedException(row.name(), wait.getAsLong());
        }
        return row;
    }
}
