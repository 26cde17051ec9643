package dev.watchkeeper.core;

/**
 * How an outbox wakes its background sender: the sender of this process asks to be woken ({@link #onEnqueue}),
 * and the outbox wakes it each time it adds a row ({@link #added}). Without a sender (a CLI) nothing happens: the
 * server's sender finds the row on its next poll.
 */
public final class WakeUp {

    private volatile Runnable sender = () -> { };

    /** The background sender asks to be woken when something is enqueued. */
    public void onEnqueue(Runnable sender) {
        this.sender = sender;
    }

    /** After an enqueue: wakes the sender when a row was {@code added}; returns {@code added}. */
    public boolean added(boolean added) {
        if (added) {
            sender.run();
        }
        return added;
    }
}
