package dev.watchkeeper.core;

import io.micronaut.core.order.Ordered;

/** One line the server prints at start, e.g. "Slack: not configured — set SLACK_BOT_TOKEN ...". */
public interface StatusLine extends Ordered {
    String describe();
}
