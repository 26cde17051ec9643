package dev.watchkeeper.notify;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;

/** {@code watchkeeper.notify.*}: the SMTP server for e-mail pages and the webhook timeout. */
@Singleton
public class NotifySettings {

    public enum Tls { STARTTLS, SSL, NONE }

    private final String smtpHost;
    private final int smtpPort;
    private final String smtpFrom;
    private final String smtpUsername;
    private final String smtpPassword;
    private final Tls smtpTls;
    private final Duration timeout;
    private final List<String> admins;

    public NotifySettings(@Value("${watchkeeper.notify.smtp.host:}") String smtpHost,
                          @Value("${watchkeeper.notify.smtp.port:587}") int smtpPort,
                          @Value("${watchkeeper.notify.smtp.from:}") String smtpFrom,
                          @Value("${watchkeeper.notify.smtp.username:}") String smtpUsername,
                          @Value("${watchkeeper.notify.smtp.password:}") String smtpPassword,
                          @Value("${watchkeeper.notify.smtp.tls:starttls}") String smtpTls,
                          @Value("${watchkeeper.notify.timeout:10s}") Duration timeout,
                          @Value("${watchkeeper.admins:}") List<String> admins) {
        this.smtpHost = smtpHost.strip();
        this.smtpPort = smtpPort;
        this.smtpFrom = smtpFrom.strip();
        this.smtpUsername = smtpUsername.strip();
        this.smtpPassword = smtpPassword;
        this.smtpTls = switch (smtpTls.strip().toLowerCase()) {
            case "ssl", "tls" -> Tls.SSL;
            case "none", "off", "false" -> Tls.NONE;
            default -> Tls.STARTTLS;
        };
        this.timeout = timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(2)) > 0
                ? Duration.ofSeconds(10) : timeout;
        this.admins = admins.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public boolean smtpConfigured() {
        return !smtpHost.isEmpty();
    }

    public String smtpHost() {
        return smtpHost;
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** The sender address; {@code watchkeeper@HOST} when not set. */
    public String smtpFrom() {
        return smtpFrom.isEmpty() ? "watchkeeper@" + smtpHost : smtpFrom;
    }

    public String smtpUsername() {
        return smtpUsername;
    }

    public String smtpPassword() {
        return smtpPassword;
    }

    public Tls smtpTls() {
        return smtpTls;
    }

    /** Connect, read and write timeout of one SMTP or webhook call (at most 2 minutes). */
    public Duration timeout() {
        return timeout;
    }

    public boolean isAdmin(String handle) {
        return admins.contains(handle);
    }
}
