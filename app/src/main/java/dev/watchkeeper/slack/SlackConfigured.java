package dev.watchkeeper.slack;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.value.PropertyResolver;

/** True when a bot token and a way to receive requests (signing secret or app token) are configured. */
public final class SlackConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context) {
        PropertyResolver p = (PropertyResolver) context.getBeanContext();
        String bot = p.get("slack.bot-token", String.class).orElse("");
        String secret = p.get("slack.signing-secret", String.class).orElse("");
        String app = p.get("slack.app-token", String.class).orElse("");
        return SlackConfig.set(bot) && (SlackConfig.set(secret) || SlackConfig.set(app));
    }
}
