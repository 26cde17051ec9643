package dev.watchkeeper.notify;

/** What one e-mail or webhook attempt came to. */
public sealed interface Outcome {
    record Sent() implements Outcome {
    }

    /** Worth trying again later (a timeout, a 5xx, a 4xx SMTP reply). */
    record Retry(String error) implements Outcome {
    }

    /** Trying again would fail the same way (a bad address, a 4xx answer, a 5xx SMTP reply). */
    record Permanent(String error) implements Outcome {
    }
}
