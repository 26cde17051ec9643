package dev.watchkeeper.playbook;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import dev.watchkeeper.core.TopLevelCommand;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.Json;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code watchkeeper playbooks lint|match|list|reload}. */
@Command(name = "playbooks", description = "Check, try and reload the Markdown playbooks.", mixinStandardHelpOptions = true,
        subcommands = {PlaybooksCommand.Lint.class, PlaybooksCommand.Match.class, PlaybooksCommand.ListCmd.class,
                PlaybooksCommand.Reload.class})
@Prototype
public class PlaybooksCommand implements Runnable, TopLevelCommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Path folder(String given, String configured) {
        Path dir = Path.of(given != null ? given : configured);
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("DIR", "'" + dir + "' is not a folder (set WATCHKEEPER_PLAYBOOKS_DIR or give one)");
        }
        return dir;
    }

    @Command(name = "lint", description = "Check every playbook in DIR; print each problem as file:line: problem and exit 1 if any.",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Lint implements Callable<Integer> {
        @Value("${watchkeeper.playbooks.dir:./playbooks}")
        String configured;
        @Parameters(arity = "0..1", paramLabel = "DIR", description = "Folder of playbooks (default: watchkeeper.playbooks.dir).")
        String dir;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path folder = folder(dir, configured);
            PlaybookLoader loader = new PlaybookLoader();
            List<Path> files = loader.files(folder);
            int ok = 0;
            List<Problem> problems = new ArrayList<>();
            for (Path f : files) {
                PlaybookParser.Result r = loader.parse(f);
                problems.addAll(r.problems());
                ok += r.ok() ? 1 : 0;
            }
            PrintWriter out = spec.commandLine().getOut();
            problems.forEach(out::println);
            out.printf("%d file%s checked, %d ok, %d problem%s%n", files.size(), files.size() == 1 ? "" : "s", ok,
                    problems.size(), problems.size() == 1 ? "" : "s");
            return problems.isEmpty() && !files.isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "match", description = "Show which playbook an example alert would get, and why.",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Match implements Callable<Integer> {
        @Value("${watchkeeper.playbooks.dir:./playbooks}")
        String configured;
        @Inject
        Clock clock;
        @Parameters(arity = "0..1", paramLabel = "FILE", description = "An alert as JSON (generic or Alertmanager); '-' reads stdin.")
        String file;
        @Option(names = "--alertname", description = "The alert name (with --label).")
        String alertname;
        @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "A label of the example alert; repeat.")
        List<String> labels = new ArrayList<>();
        @Option(names = "--dir", description = "Folder of playbooks (default: watchkeeper.playbooks.dir).")
        String dir;
        @Option(names = "--at", description = "Evaluate quiet windows and known noise at this instant (default: now).")
        String at;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ExampleAlert alert;
            if (file != null) {
                String text = file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(Path.of(file));
                alert = ExampleAlert.parse(text);
                if (!labels.isEmpty() || alertname != null) {
                    ExampleAlert extra = ExampleAlert.ofLabels(alertname != null ? alertname : alert.alertname(), labels);
                    var merged = new java.util.LinkedHashMap<>(alert.labels());
                    merged.putAll(extra.labels());
                    alert = new ExampleAlert(extra.alertname(), merged);
                }
            } else {
                alert = ExampleAlert.ofLabels(alertname, labels);
            }
            Instant when;
            try {
                when = at == null ? clock.instant() : Instant.parse(at);
            } catch (DateTimeParseException e) {
                throw new BadInputException("--at", "'" + at + "' is not an instant such as 2026-03-02T09:00:00Z");
            }
            PlaybookSet set = new PlaybookLoader().load(folder(dir, configured), when);
            PrintWriter out = spec.commandLine().getOut();
            var match = set.match(alert.alertname(), alert.labels());
            if (json) {
                out.println(Json.write(PlaybookJson.match(alert, set, n -> "/playbooks/" + n)));
                return match.isPresent() ? 0 : 1;
            }
            out.println("alert:    " + alert.alertname() + " " + alert.labels());
            if (match.isEmpty()) {
                out.println("playbook: none — no playbook's alerts cover '" + alert.alertname() + "' with these labels");
            } else {
                Playbook p = match.get().playbook();
                out.println("playbook: " + p.name() + " (" + p.file() + ", owner " + p.owner() + ")");
                out.println("why:      " + match.get().why());
                var labelsWithName = PlaybookSet.withAlertname(alert.alertname(), alert.labels());
                out.println("at " + when + ":");
                out.println("  guardrail:   " + PlaybookGuardrail.decide(p, labelsWithName, when)
                        .map(PlaybookGuardrail.Decision::reason).orElse("none applies; the score decides"));
                out.println("  known noise: " + p.noiseAt(labelsWithName, when).map(Playbook.NoiseRule::reason).orElse("no"));
                if (p.severity() != null) {
                    out.println("  severity:    " + p.severity() + " (the playbook's; decides paging when it changes the policy's answer)");
                }
                if (!p.groupBy().isEmpty()) {
                    out.println("  group by:    " + String.join(", ", p.groupBy()));
                }
            }
            var candidates = set.candidates(alert.alertname(), PlaybookSet.withAlertname(alert.alertname(), alert.labels()));
            if (!candidates.isEmpty()) {
                out.println("candidates (most specific first):");
                for (PlaybookSet.Candidate c : candidates) {
                    out.println("  " + (c.matches() ? "✓ " : "✗ ") + c.playbook().name() + ": " + c.why());
                }
            }
            if (!set.problems().isEmpty()) {
                out.println(set.problems().size() + " playbook problem(s) — run './watchkeeper playbooks lint'");
            }
            return match.isPresent() ? 0 : 1;
        }
    }

    @Command(name = "list", description = "List the playbooks in the folder.", mixinStandardHelpOptions = true)
    @Prototype
    public static class ListCmd implements Callable<Integer> {
        @Value("${watchkeeper.playbooks.dir:./playbooks}")
        String configured;
        @Option(names = "--dir", description = "Folder of playbooks (default: watchkeeper.playbooks.dir).")
        String dir;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path folder = folder(dir, configured);
            PlaybookSet set = new PlaybookLoader().load(folder, Instant.EPOCH);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(set.playbooks().stream().map(p -> PlaybookJson.full(p, "/playbooks/" + p.name())).toList()));
                return set.problems().isEmpty() ? 0 : 1;
            }
            out.println(AsciiTable.getTable(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS, set.playbooks(), Arrays.asList(
                    new Column().header("Playbook").dataAlign(HorizontalAlign.LEFT).with(Playbook::name),
                    new Column().header("Alerts").dataAlign(HorizontalAlign.LEFT).maxWidth(40)
                            .with(p -> String.join(", ", p.alerts())),
                    new Column().header("Match").dataAlign(HorizontalAlign.LEFT).maxWidth(30)
                            .with(p -> String.join(", ", p.match().stream().map(LabelMatcher::toString).toList())),
                    new Column().header("Owner").dataAlign(HorizontalAlign.LEFT).with(Playbook::owner),
                    new Column().header("Guardrails").dataAlign(HorizontalAlign.LEFT).maxWidth(30).with(ListCmd::rules))));
            out.printf("%d playbook%s in %s%n", set.playbooks().size(), set.playbooks().size() == 1 ? "" : "s", folder);
            set.problems().forEach(out::println);
            return set.problems().isEmpty() ? 0 : 1;
        }

        private static String rules(Playbook p) {
            List<String> r = new ArrayList<>();
            if (p.guardrails().alwaysPage() != null) {
                r.add("always_page");
            }
            if (p.guardrails().neverPage() != null) {
                r.add("never_page");
            }
            if (!p.guardrails().quietDuring().isEmpty()) {
                r.add("quiet_during×" + p.guardrails().quietDuring().size());
            }
            if (!p.knownNoise().isEmpty()) {
                r.add("known_noise×" + p.knownNoise().size());
            }
            return String.join(", ", r);
        }
    }

    @Command(name = "reload", description = "Ask the running server to reload its playbooks.", mixinStandardHelpOptions = true)
    @Prototype
    public static class Reload implements Callable<Integer> {
        @Value("${watchkeeper.base-url:}")
        String baseUrl;
        @Value("${micronaut.server.port:8080}")
        int port;
        @Option(names = "--url", description = "The server (default: watchkeeper.base-url, else http://localhost:PORT).")
        String url;
        @Option(names = "--token", description = "An admin's API token (default: the WATCHKEEPER_TOKEN environment variable).")
        String token;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            String bearer = token != null && !token.isBlank() ? token : System.getenv("WATCHKEEPER_TOKEN");
            if (bearer == null || bearer.isBlank()) {
                throw new dev.watchkeeper.core.BadInputException("token", "reloading asks the server, which needs an admin's"
                        + " API token: give --token or set WATCHKEEPER_TOKEN (./watchkeeper token create HANDLE --role admin)");
            }
            String base = url != null && !url.isBlank() ? url
                    : baseUrl != null && !baseUrl.isBlank() ? baseUrl : "http://localhost:" + port;
            base = base.replaceAll("/+$", "");
            PrintWriter out = spec.commandLine().getOut();
            HttpResponse<String> r;
            try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
                r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/playbooks/reload"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + bearer.strip())
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                throw new IllegalStateException("no Watchkeeper server answered at " + base
                        + " (is it running? give --url or set WATCHKEEPER_BASE_URL)");
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("reloading through " + base + " failed: " + e.getMessage());
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException(base + " answered " + r.statusCode() + ": " + r.body());
            }
            var body = Json.parse(r.body());
            out.printf("reloaded %d playbook%s from %s on %s%n", body.get("loaded").asInt(),
                    body.get("loaded").asInt() == 1 ? "" : "s", body.get("dir").asText(), base);
            body.get("keptPrevious").forEach(n -> out.println("kept the last good version of " + n.asText()));
            body.get("problems").forEach(p -> out.println(p.asText()));
            return body.get("problems").isEmpty() ? 0 : 1;
        }
    }
}
