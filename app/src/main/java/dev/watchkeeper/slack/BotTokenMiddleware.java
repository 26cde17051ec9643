package dev.watchkeeper.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;

/**
 * Gives handlers the bot token without asking Slack. Bolt's default for a single workspace calls
 * {@code auth.test} before the first request, so during a Slack API outage every button click would be
 * refused; Watchkeeper's handlers only need the token (their replies go through the outbox anyway).
 */
final class BotTokenMiddleware implements Middleware {

    private final String botToken;

    BotTokenMiddleware(String botToken) {
        this.botToken = botToken;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        req.getContext().setBotToken(botToken);
        return chain.next(req);
    }
}
