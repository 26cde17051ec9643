package dev.watchkeeper.slack;

import dev.watchkeeper.cluster.JobLock;
import dev.watchkeeper.core.Environments;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** Posts the scheduled reviews, checked every minute in the server. */
@Singleton
@Requires(env = Environments.SERVER)
@Requires(property = "watchkeeper.review.slack")
public class ReviewJobs {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewJobs.class);

    private final ReviewSlackPost posts;
    private final JobLock jobs;

    public ReviewJobs(ReviewSlackPost posts, JobLock jobs) {
        this.posts = posts;
        this.jobs = jobs;
    }

    @Scheduled(fixedDelay = "1m", initialDelay = "45s")
    void run() {
        // One instance at a time when several share a database.
        jobs.runExclusive("review-post", Duration.ofMinutes(10), this::work);
    }

    private void work() {
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
