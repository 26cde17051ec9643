package dev.watchkeeper.review;

import dev.watchkeeper.core.Environments;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Posts the scheduled reviews, checked every minute in the server. */
@Singleton
@Requires(env = Environments.SERVER)
@Requires(property = "watchkeeper.review.slack")
public class ReviewJobs {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewJobs.class);

    private final ReviewSlackPost posts;

    public ReviewJobs(ReviewSlackPost posts) {
        this.posts = posts;
    }

    @Scheduled(fixedDelay = "1m", initialDelay = "45s")
    void run() {
        try {
            var posted = posts.postDue();
            if (!posted.isEmpty()) {
                LOG.info("weekly review posted to {}", posted);
            }
        } catch (RuntimeException e) {
            LOG.error("posting the weekly review failed", e);
        }
    }
}
