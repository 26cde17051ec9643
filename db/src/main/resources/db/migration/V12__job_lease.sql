-- Scheduled jobs (escalations and handoffs, retraining, the Slack outbox) run on one instance at a time when
-- several share a PostgreSQL database: the instance holding a job's lease runs it and renews the lease while it
-- lives; another takes the job over once the lease has expired. Times come from the instances' clocks.
CREATE TABLE job_lease (
    name         TEXT    NOT NULL PRIMARY KEY, -- the job: rotation-checks | retrain | slack-outbox ...
    holder       TEXT    NOT NULL,             -- the instance: host name and a random id per start
    acquired_at  BIGINT  NOT NULL,             -- when this holder took the lease over
    expires_at   BIGINT  NOT NULL              -- epoch ms; after it, any instance may take the lease
);
