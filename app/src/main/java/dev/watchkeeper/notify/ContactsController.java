package dev.watchkeeper.notify;

import dev.watchkeeper.auth.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.FieldReader;
import dev.watchkeeper.core.Json;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;

/**
 * The people directory over HTTP: how each person is reached. The acting person is the API token's; a change is
 * refused (403) unless that is the person themselves or an admin.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ContactsController {

    private final PeopleDirectory directory;

    public ContactsController(PeopleDirectory directory) {
        this.directory = directory;
    }

    @Get("/api/people")
    public List<PersonCommand.View> list() {
        return directory.all().stream().map(PersonCommand::view).toList();
    }

    @Get("/api/people/{handle}/contacts")
    public PersonCommand.View show(@PathVariable String handle) {
        return PersonCommand.view(directory.show(handle));
    }

    /**
     * Body {@code {"slack": "U0123ABCD", "email": "alice@example.com", "webhook": "https://…",
     * "webhookSecret": "…"}}: absent fields stay as they are, "" or "none" removes one.
     */
    @Post("/api/people/{handle}/contacts")
    @Consumes(MediaType.APPLICATION_JSON)
    public PersonCommand.View link(Caller caller, @PathVariable String handle, @Body String body) {
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        String by = caller.actor(root, r);
        String slack = r.text(root, "", "slack", false, 40);
        String email = r.text(root, "", "email", false, 260);
        String webhook = r.text(root, "", "webhook", false, PeopleDirectory.MAX_URL);
        String secret = r.text(root, "", "webhookSecret", false, 200);
        r.throwIfAny();
        return PersonCommand.view(directory.link(handle, new PeopleDirectory.Change(slack, email, webhook, secret), by));
    }
}
