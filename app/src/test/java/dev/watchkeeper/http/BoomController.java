package dev.watchkeeper.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** A route with a bug, present only when a test sets {@code test.boom=true}. */
@Controller("/test/boom")
@Requires(property = "test.boom", value = "true")
public class BoomController {

    @Get
    public String boom() {
        throw new IllegalStateException("secret internals: jdbc:sqlite:/var/lib/watchkeeper/db password=hunter2");
    }
}
