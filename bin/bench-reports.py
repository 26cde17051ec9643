#!/usr/bin/env python3
"""Measures how long Watchkeeper takes to draft shift and incident reports and draw the chart on a busy week.

Starts its own server on a fresh SQLite file, loads ALERTS firings over 7 days (through POST /api/alerts), acts
on some items, then times report drafting over HTTP and prints the figures. Usage:
    bin/bench-reports.py [ALERTS]        (default 5000)
"""
import json, os, random, subprocess, sys, tempfile, time, urllib.request
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ALERTS = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
PORT = int(os.environ.get("BENCH_PORT", "18097"))
BASE = f"http://127.0.0.1:{PORT}"


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        raw = r.read()
        return raw if r.headers.get("Content-Type", "").startswith("image/") else json.loads(raw or b"null")


def timed(label, fn, runs=5):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(f"{label:<44} median {times[len(times) // 2]:8.1f} ms   min {times[0]:8.1f} ms   ({runs} runs)")
    return out


def main():
    tmp = tempfile.mkdtemp(prefix="wk-bench-")
    env = dict(os.environ, WATCHKEEPER_PORT=str(PORT), WATCHKEEPER_DB_URL=f"jdbc:sqlite:{tmp}/wk.db",
               WATCHKEEPER_DB_SYNCHRONOUS="NORMAL")
    server = subprocess.Popen([os.path.join(HERE, "watchkeeper")], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                call("GET", "/health")
                break
            except OSError:
                time.sleep(0.5)
        random.seed(7)
        end = datetime.now(timezone.utc).replace(microsecond=0)
        start = end - timedelta(days=7)
        names = [f"Alert{i:03d}" for i in range(60)]
        services = ["ranker", "trainer", "feature-store", "serving"]
        severities = ["critical", "error", "warning", "warning", "info"]
        t0 = time.perf_counter()
        for i in range(ALERTS):
            at = start + timedelta(seconds=random.randrange(7 * 86400))
            name = random.choice(names)
            call("POST", "/api/alerts", {"alertname": name, "service": random.choice(services),
                                         "severity": severities[sum(map(ord, name)) % len(severities)],
                                         "labels": {"shard": str(i % 7)}, "startsAt": at.isoformat(),
                                         "status": "resolved" if i % 3 == 0 else "firing"})
        print(f"loaded {ALERTS} alerts in {time.perf_counter() - t0:.1f} s")
        items = call("GET", "/api/queue?state=all&limit=1000")["items"]
        for n, item in enumerate(items[: len(items) // 3]):
            kind = "acted" if n % 2 == 0 else "ack"
            call("POST", f"/api/items/{item['id']}/actions",
                 {"action": kind, "by": "alice", "note": f"restarted the {item['service']} job after checking the logs"})
        print(f"{len(items)} items, {len(items) // 3} acted on or acknowledged")
        window = {"by": "alice", "from": start.isoformat(), "to": end.isoformat(), "primary": "alice", "shadows": ["bob"]}
        report = timed("draft shift report (7 days) over HTTP", lambda: call("POST", "/api/reports/shift", window))
        print(f"  report: {len(report['body'])} characters of Markdown")
        timed("chart PNG (7 days, per day)", lambda: call("GET", f"/api/reports/{report['id']}/chart.png"))
        timed("draft incident report over HTTP", lambda: call("POST", "/api/reports/incident",
                                                             {"item": items[0]["id"], "by": "alice"}))
        timed("item view with notes (GET /api/items/{id})", lambda: call("GET", f"/api/items/{items[1]['id']}"), runs=20)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
