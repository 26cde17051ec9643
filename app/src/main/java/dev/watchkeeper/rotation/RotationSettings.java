package dev.watchkeeper.rotation;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rotation settings from {@code watchkeeper.admins} and {@code watchkeeper.rotation.*}. */
@Singleton
public class RotationSettings {

    private final List<String> admins;
    private final int shadowShifts;
    private final Duration escalateAfter;
    private final Map<String, String> rotationByService = new LinkedHashMap<>();
    private final String baseUrl;

    public RotationSettings(@Value("${watchkeeper.admins:}") List<String> admins,
                            @Value("${watchkeeper.rotation.shadow-shifts:2}") int shadowShifts,
                            @Value("${watchkeeper.rotation.escalate-after:15m}") Duration escalateAfter,
                            @Value("${watchkeeper.rotation.services:}") String services,
                            @Value("${watchkeeper.base-url:}") String baseUrl) {
        this.admins = admins.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (shadowShifts < 0) {
            throw new IllegalArgumentException("watchkeeper.rotation.shadow-shifts: must be 0 or more, was " + shadowShifts);
        }
        if (escalateAfter.isNegative() || escalateAfter.isZero()) {
            throw new IllegalArgumentException("watchkeeper.rotation.escalate-after: must be positive, was " + escalateAfter);
        }
        this.shadowShifts = shadowShifts;
        this.escalateAfter = escalateAfter;
        for (String pair : services.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw new IllegalArgumentException("watchkeeper.rotation.services: expected service=rotation pairs "
                        + "separated by commas, got '" + pair + "'");
            }
            rotationByService.put(kv[0].strip(), kv[1].strip());
        }
        this.baseUrl = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
    }

    /** Admins of every rotation: configured here, or holding an admin API token (see {@code auth}). */
    @jakarta.inject.Inject
    @io.micronaut.core.annotation.Nullable
    dev.watchkeeper.core.AdminDirectory directory;

    public boolean isAdmin(String handle) {
        return admins.contains(handle) || directory != null && directory.isAdmin(handle);
    }

    public List<String> admins() {
        return admins;
    }

    public int shadowShifts() {
        return shadowShifts;
    }

    public Duration escalateAfter() {
        return escalateAfter;
    }

    /** The rotation configured for a service, if any (otherwise items go to the first rotation). */
    public Optional<String> rotationForService(String service) {
        return Optional.ofNullable(service == null ? null : rotationByService.get(service));
    }

    public String baseUrl() {
        return baseUrl;
    }
}
