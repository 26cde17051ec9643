package dev.watchkeeper.fuzz;

import java.util.List;

/** Valid bodies of every JSON input, the seeds the fuzz suite mutates. */
final class Samples {

    private Samples() {
    }

    static final String ALERTMANAGER = """
            {"version": "4", "status": "firing", "receiver": "watchkeeper", "groupKey": "{}:{alertname=\\"A\\"}",
             "truncatedAlerts": 0, "externalURL": "http://am:9093",
             "groupLabels": {"alertname": "FeatureNullRateHigh"}, "commonLabels": {"team": "ml"}, "commonAnnotations": {},
             "alerts": [
              {"status": "firing", "labels": {"alertname": "FeatureNullRateHigh", "service": "ranker", "severity": "critical"},
               "annotations": {"summary": "null rate at 31%", "value": "0.31"}, "startsAt": "2026-03-02T08:00:00Z",
               "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prom/graph", "fingerprint": "a1b2c3d4e5f60718"},
              {"status": "resolved", "labels": {"alertname": "TrainingJobFailed", "service": "trainer"},
               "annotations": {"description": "job 7 failed"}, "startsAt": "2026-03-02T07:00:00Z",
               "endsAt": "2026-03-02T08:30:00Z", "fingerprint": "0011223344556677"}]}""";

    static final String GRAFANA = """
            {"receiver": "wk", "status": "firing", "orgId": 1, "version": "1", "groupKey": "g", "title": "[FIRING:1] A",
             "state": "alerting", "message": "m", "externalURL": "http://grafana/",
             "alerts": [{"status": "firing", "labels": {"alertname": "LatencyHigh", "grafana_folder": "ml"},
               "annotations": {"summary": "p99 over 2s"}, "startsAt": "2026-03-02T08:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
               "generatorURL": "http://grafana/alerting/1/edit", "fingerprint": "f00dfeed00000001",
               "silenceURL": "http://grafana/s", "dashboardURL": "http://grafana/d", "panelURL": "http://grafana/p",
               "values": {"B": 2.5}, "valueString": "[ var='B' value=2.5 ]"}]}""";

    static final String GENERIC = """
            {"alertname": "BatchScoringJobLate", "service": "scoring", "severity": "warning", "summary": "late by 2h",
             "status": "firing", "fingerprint": "batch-late-1", "labels": {"team": "ml", "env": "prod"},
             "annotations": {"runbook": "http://runbooks/x"}, "startsAt": "2026-03-02T06:00:00Z", "endsAt": null}""";

    static String trigger(String key) {
        return """
                {"routing_key": "%s", "event_action": "trigger", "dedup_key": "srv01/mysql", "client": "Sample Monitoring",
                 "client_url": "https://monitoring.example.com",
                 "payload": {"summary": "Disk full on prod-datapipe-01", "source": "prod-datapipe-01", "severity": "critical",
                  "timestamp": "2026-03-02T08:59:00.000+0000", "component": "mysql", "group": "prod-datapipe", "class": "disk",
                  "custom_details": {"free space": "1%%", "ping time": "1500ms"}},
                 "links": [{"href": "https://example.com/runbook", "text": "runbook"}],
                 "images": [{"src": "https://example.com/graph.png", "href": "https://example.com", "alt": "graph"}]}"""
                .formatted(key);
    }

    static String followUp(String key, String action) {
        return "{\"routing_key\": \"" + key + "\", \"event_action\": \"" + action + "\", \"dedup_key\": \"srv01/mysql\"}";
    }

    static final String HISTORY = """
            {"id": "occ-000123", "source": "alertmanager", "alertname": "FeatureNullRateHigh", "severity": "warning",
             "labels": {"service": "ranker", "feature": "user_age", "team": "ml"},
             "annotations": {"summary": "null rate of user_age at 31%", "value": "0.31"},
             "startsAt": "2026-03-01T04:12:00Z", "endsAt": "2026-03-01T04:40:00Z",
             "outcome": {"action": "acted", "at": "2026-03-01T04:20:00Z", "by": "alice", "note": "upstream join dropped rows"}}""";

    static List<String> eventsV2(String key) {
        return List.of(trigger(key), followUp(key, "acknowledge"), followUp(key, "resolve"));
    }
}
