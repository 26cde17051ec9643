// Sends trigger, acknowledge and resolve for one dedup_key through PagerDuty's own client library, its
// `server` option pointing at Watchkeeper, then one event with a routing key Watchkeeper does not know.
// Prints what the library reported, one JSON line per event.
// Usage: node send-events.js HOST:PORT ROUTING_KEY DEDUP_KEY
const {event} = require('@pagerduty/pdjs');

const [server, routingKey, dedupKey] = process.argv.slice(2);

async function send(label, action, data) {
  try {
    const r = await event({server, data: {routing_key: routingKey, event_action: action, dedup_key: dedupKey, ...data}});
    return {label, ok: r.ok, status: r.status, data: r.data};
  } catch (e) {
    return {label, error: String((e && e.stack) || e)};
  }
}

(async () => {
  const trigger = await send('trigger', 'trigger', {
    payload: {
      summary: 'Disk full on prod-datapipe-01', source: 'prod-datapipe-01', severity: 'critical',
      component: 'mysql', group: 'prod-datapipe', class: 'disk', custom_details: {'free space': '1%'},
    },
    links: [{href: 'https://example.com/runbook', text: 'runbook'}],
  });
  console.log(JSON.stringify(trigger));
  console.log(JSON.stringify(await send('acknowledge', 'acknowledge', {})));
  console.log(JSON.stringify(await send('resolve', 'resolve', {})));
  console.log(JSON.stringify(await send('unknown key', 'trigger', {
    routing_key: '0123456789abcdef0123456789abcdef',
    payload: {summary: 'from a stranger', source: 'nowhere', severity: 'info'},
  })));
})();
