package dev.watchkeeper.review;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Filter;
import io.micronaut.views.ViewsFilter;
import io.micronaut.views.ViewsModelDecorator;
import io.micronaut.views.ViewsRendererLocator;
import io.micronaut.views.ViewsResolver;
import io.micronaut.views.turbo.TurboFrameRenderer;

/**
 * Micronaut's views filter, on the one page rendered from a template ({@code /review}) instead of on every request.
 * The stock filter matches every path, and as a reactive filter it made every request, each ingestion request
 * included, go through Reactor on its way out: in a profile of single Events v2 requests about a third of the
 * request threads' time.
 */
@Replaces(ViewsFilter.class)
@Requires(beans = ViewsResolver.class)
@Filter("/review")
public class ReviewViewsFilter extends ViewsFilter {

    public ReviewViewsFilter(ViewsResolver viewsResolver, ViewsRendererLocator viewsRendererLocator,
                             ViewsModelDecorator viewsModelDecorator, TurboFrameRenderer turboFrameRenderer) {
        super(viewsResolver, viewsRendererLocator, viewsModelDecorator, turboFrameRenderer);
    }
}
