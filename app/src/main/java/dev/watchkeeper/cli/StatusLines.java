package dev.watchkeeper.cli;

import dev.watchkeeper.core.StatusLine;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.order.OrderUtil;

import java.util.ArrayList;
import java.util.List;

/**
 * What the server prints at start about each part's configuration. Each domain that needs setting up
 * (Slack, ranking, playbooks...) contributes a {@link StatusLine} bean.
 */
final class StatusLines {

    private StatusLines() {
    }

    static List<String> of(ApplicationContext ctx) {
        List<StatusLine> lines = new ArrayList<>(ctx.getBeansOfType(StatusLine.class));
        OrderUtil.sort(lines);
        return lines.stream().map(StatusLine::describe).toList();
    }
}
