package dev.watchkeeper.notify;

import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * POSTs a page as JSON to a person's webhook, with bounded timeouts, no redirects, the outbox key in
 * {@code X-Watchkeeper-Idempotency-Key} (receivers drop repeats by it) and, when the person set a secret,
 * {@code X-Watchkeeper-Signature: sha256=HEX} — HMAC-SHA256 of the body with that secret.
 */
@Singleton
public class WebhookSender {

    public static final String SIGNATURE = "X-Watchkeeper-Signature";
    public static final String KEY = "X-Watchkeeper-Idempotency-Key";

    private final NotifySettings settings;
    /** Made on the first send: building one sets up TLS, a tenth of a second that a CLI command never needs. */
    private volatile HttpClient client;

    public WebhookSender(NotifySettings settings) {
        this.settings = settings;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                }
                c = client;
            }
        }
        return c;
    }

    public Outcome send(String key, String url, String secret, String body) {
        HttpRequest.Builder req;
        try {
            req = HttpRequest.newBuilder(URI.create(url)).timeout(settings.timeout());
        } catch (IllegalArgumentException e) {
            return new Outcome.Permanent("bad webhook URL: " + e.getMessage());
        }
        req.header("Content-Type", "application/json").header("User-Agent", "watchkeeper").header(KEY, key);
        if (secret != null) {
            req.header(SIGNATURE, "sha256=" + sign(secret, body));
        }
        try {
            HttpResponse<String> r = client().send(req.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            int code = r.statusCode();
            if (code >= 200 && code < 300) {
                return new Outcome.Sent();
            }
            String error = "HTTP " + code + " " + clip(r.body());
            return code == 408 || code == 429 || code >= 500 ? new Outcome.Retry(error) : new Outcome.Permanent(error);
        } catch (IOException e) {
            return new Outcome.Retry("network: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Retry("interrupted");
        }
    }

    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
