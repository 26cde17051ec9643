package dev.watchkeeper.triage;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;

/** A message channel that fails on every call, first in line, for tests that turn it on. */
@Singleton
@Requires(env = "test")
@Requires(property = "test.broken-channel", value = "true")
class BrokenChannel implements ItemNotifier, Ordered {

    @Override
    public void paged(int itemId) {
        throw new IllegalStateException("broken channel");
    }

    @Override
    public void changed(int itemId, ItemEvent.Kind what) {
        throw new IllegalStateException("broken channel");
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
