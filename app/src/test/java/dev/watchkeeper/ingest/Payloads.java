package dev.watchkeeper.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Payloads shaped like the ones real senders post. */
final class Payloads {

    private Payloads() {
    }

    /** One alert of an Alertmanager notification. */
    record Am(String fingerprint, String alertname, String service, String severity, String instance,
              boolean firing, Instant startsAt, Instant endsAt) {

        String json() {
            return """
                    {"status": "%s", "labels": {"alertname": "%s", "service": "%s", "severity": "%s", "instance": "%s"},
                     "annotations": {"summary": "%s on %s"}, "startsAt": "%s", "endsAt": "%s",
                     "generatorURL": "http://prometheus:9090/graph?g0.expr=up", "fingerprint": "%s"}"""
                    .formatted(firing ? "firing" : "resolved", alertname, service, severity, instance, alertname,
                            instance, startsAt, endsAt == null ? "0001-01-01T00:00:00Z" : endsAt, fingerprint);
        }
    }

    static String alertmanager(List<Am> alerts) {
        boolean anyFiring = alerts.stream().anyMatch(Am::firing);
        List<String> parts = new ArrayList<>();
        alerts.forEach(a -> parts.add(a.json()));
        return """
                {"version": "4", "groupKey": "{}:{alertname=\\"%s\\"}", "truncatedAlerts": 0, "status": "%s",
                 "receiver": "watchkeeper", "groupLabels": {"alertname": "%s"}, "commonLabels": {},
                 "commonAnnotations": {}, "externalURL": "http://alertmanager:9093", "alerts": [%s]}"""
                .formatted(alerts.get(0).alertname(), anyFiring ? "firing" : "resolved", alerts.get(0).alertname(),
                        String.join(",", parts));
    }

    static String grafana(String status, String fingerprint, Instant startsAt, Instant endsAt) {
        return """
                {"receiver": "watchkeeper", "status": "%1$s", "orgId": 1,
                 "alerts": [{"status": "%1$s",
                   "labels": {"alertname": "HighMemory", "grafana_folder": "ml", "service": "trainer", "severity": "critical"},
                   "annotations": {"description": "memory above 90%%"},
                   "startsAt": "%2$s", "endsAt": "%3$s",
                   "generatorURL": "http://grafana:3000/alerting/grafana/abc/view", "fingerprint": "%4$s",
                   "silenceURL": "http://grafana:3000/alerting/silence/new", "dashboardURL": "http://grafana:3000/d/xyz",
                   "panelURL": "http://grafana:3000/d/xyz?viewPanel=2", "values": {"B": 93.5},
                   "valueString": "[ var='B' labels={} value=93.5 ]"}],
                 "groupLabels": {"alertname": "HighMemory"}, "commonLabels": {"alertname": "HighMemory"},
                 "commonAnnotations": {}, "externalURL": "http://grafana:3000/", "version": "1",
                 "groupKey": "{}:{alertname=\\"HighMemory\\"}", "truncatedAlerts": 0, "orgId": 1,
                 "title": "[FIRING:1] HighMemory", "state": "alerting", "message": "memory above 90%%"}"""
                .formatted(status, startsAt, endsAt == null ? "0001-01-01T00:00:00Z" : endsAt, fingerprint);
    }

    static String trigger(String routingKey, String dedupKey, String summary) {
        return """
                {"routing_key": "%s", "event_action": "trigger", %s
                 "client": "Sample Monitoring Service", "client_url": "https://monitoring.example.com",
                 "payload": {"summary": "%s", "source": "prod-datapipe-01", "severity": "critical",
                   "timestamp": "2026-03-02T08:59:00.000+0000", "component": "mysql", "group": "prod-datapipe",
                   "class": "disk", "custom_details": {"free space": "1%%", "ping time": "1500ms"}},
                 "links": [{"href": "https://example.com/runbook", "text": "runbook"}],
                 "images": [{"src": "https://example.com/graph.png", "href": "https://example.com", "alt": "graph"}]}"""
                .formatted(routingKey, dedupKey == null ? "" : "\"dedup_key\": \"" + dedupKey + "\",", summary);
    }

    static String followUp(String routingKey, String action, String dedupKey) {
        return """
                {"routing_key": "%s", "event_action": "%s", "dedup_key": "%s"}""".formatted(routingKey, action, dedupKey);
    }
}
