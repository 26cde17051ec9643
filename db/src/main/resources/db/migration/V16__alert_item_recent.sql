-- The alerts of an item the guardrails look at after each ingested request (its most recently seen, firing first)
-- come straight from this index: with item_id alone every scoring read all of an item's alerts and sorted them,
-- so an item that keeps growing cost more with each request. It replaces the item_id index, whose prefix it is.
CREATE INDEX alert_item_recent ON alert (item_id, status, last_seen_at);
DROP INDEX alert_item;
