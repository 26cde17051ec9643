-- No query reads alerts by name alone (the queue, reports and the review reach alerts through items and
-- occurrences), yet every alert ingested wrote this index: one B-tree insert per alert for nothing.
DROP INDEX alert_name;
