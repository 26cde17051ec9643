package dev.watchkeeper.slack;

import com.slack.api.bolt.App;
import dev.watchkeeper.testing.FakeSlack;
import dev.watchkeeper.testing.SlackRequests;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Another domain's command, registered by its own {@link SlackHandlers} bean, with slow work answered later. */
class SlackRegistryTest {

    static final String SECRET = "registry-secret";
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    /** Stands in for a later domain (a /standup command): nothing in the slack package names it. */
    @Singleton
    @Requires(env = "test")
    @Requires(property = "registry-test", value = "true")
    static class SlowReportCommand implements SlackHandlers {
        private final SlackLater later;

        SlowReportCommand(SlackLater later) {
            this.later = later;
        }

        @Override
        public void register(App app) {
            app.command("/standup", (req, ctx) -> later.ackThen(req.getPayload().getResponseUrl(),
                    "Building the <!channel> report…", () -> {
                        try {
                            RELEASE.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return SlackAnswer.ephemeral("Report for " + SlackText.escape(req.getPayload().getText()));
                    }));
        }
    }

    @TempDir
    Path dir;

    @Test
    void aDomainAddsACommandAndItsSlowAnswerArrivesThroughTheResponseUrl() {
        try (FakeSlack fake = FakeSlack.start()) {
            var props = new java.util.HashMap<>(fake.appProperties(SECRET));
            props.put("registry-test", "true");
            try (TestApp app = TestApp.start(dir, props)) {
                SlackRequests slack = new SlackRequests(app, SECRET, fake);
                TestHttp.Response r = slack.command("/standup", "week 10", "UREP", "rita");
                assertEquals(200, r.status(), r.body());
                assertEquals("Building the &lt;!channel&gt; report…", r.json().get("text").asText(),
                        "answered at once, before the work is done");
                RELEASE.countDown();
                app.bean(SlackLater.class).drain();
                app.bean(SlackOutbox.class).sendDue();
                List<FakeSlack.Call> answers = fake.calls().stream()
                        .filter(c -> c.method().startsWith("response_url:cmd")).toList();
                assertEquals(1, answers.size(), fake.calls().toString());
                assertEquals("Report for week 10", answers.getFirst().json().get("text").asText());
                // /triage is still there beside it.
                assertTrue(slack.command("/triage", "help", "UREP", "rita").body().contains("/triage why ID"));
            }
        }
    }
}
