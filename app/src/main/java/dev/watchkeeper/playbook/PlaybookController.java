package dev.watchkeeper.playbook;

import dev.watchkeeper.core.NotFoundException;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/playbooks}: list, read one, reload the folder (admins), and try an alert against the playbooks. */
@Controller("/api/playbooks")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PlaybookController {

    private final PlaybookService playbooks;
    private final PlaybookItemContext links;
    private final dev.watchkeeper.http.CostlyRequests costly;

    public PlaybookController(PlaybookService playbooks, PlaybookItemContext links,
                              dev.watchkeeper.http.CostlyRequests costly) {
        this.costly = costly;
        this.playbooks = playbooks;
        this.links = links;
    }

    @Get
    public Map<String, Object> list() {
        PlaybookSet set = playbooks.current();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dir", playbooks.dir().toString());
        m.put("loadedAt", set.loadedAt().toString());
        m.put("playbooks", set.playbooks().stream().map(p -> PlaybookJson.summary(p, links.url(p.name()))).toList());
        m.put("problems", set.problems().stream().map(Problem::toString).toList());
        m.put("keptPrevious", set.keptPrevious());
        return m;
    }

    @Get("/{name}")
    public Map<String, Object> one(String name) {
        Playbook p = playbooks.find(name).orElseThrow(() -> new NotFoundException("playbook '" + name + "' does not exist"));
        return PlaybookJson.full(p, links.url(name));
    }

    @Post("/reload")
    public Map<String, Object> reload(dev.watchkeeper.auth.Caller caller) {
        caller.requireAdmin("reload the playbooks");
        costly.take(dev.watchkeeper.http.CostlyRequests.Kind.PLAYBOOK_RELOAD);
        return PlaybookJson.report(playbooks.reload());
    }

    @Post("/match")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> match(@Body String body) {
        return PlaybookJson.match(ExampleAlert.parse(body), playbooks.current(), links::url);
    }
}
