package dev.watchkeeper.review;

import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.triage.TriageService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The review page in a real browser: Debian's chromium through chromedriver (both installed by {@code .ci/run}).
 * Opens the review of a recorded week, reads the figures a person sees, clicks decisions, and checks the actions
 * were recorded (as the signed-in person, surface web) and that the page shows them. Signing in comes first: the
 * page sends a browser without a session to the sign-in form, and back after it.
 */
class ReviewPageBrowserTest {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;
    TestApp app;
    RecordedWeek week;
    WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM)
                        || System.getenv("CI") != null,
                "chromium and chromium-driver are not installed (.ci/run installs them)");
        app = TestApp.start(dir, Map.of(
                "watchkeeper.playbooks.dir", dir.resolve("playbooks").toString()));
        week = new RecordedWeek(app);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    /** Clicks a form's button and waits until the browser has left the page (the answer is a 303 to a new one). */
    void clickAndWaitForNextPage(By button) {
        org.openqa.selenium.WebElement old = browser.findElement(By.tagName("html"));
        browser.findElement(button).click();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                old.getTagName();
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the page did not change within 30 s after clicking " + button);
    }

    @Test
    void aPersonReadsTheWeekAndDecidesInOneClick() {
        browser.get(app.url() + "/review?week=" + RecordedWeek.WEEK);
        // Not signed in: the sign-in form, then back to the week asked for.
        assertTrue(browser.getCurrentUrl().contains("/signin?next="), browser.getCurrentUrl());
        browser.findElement(By.id("token")).sendKeys(app.newToken("meeting-room", "member"));
        clickAndWaitForNextPage(By.id("signin"));
        assertTrue(browser.getCurrentUrl().endsWith("/review?week=" + RecordedWeek.WEEK), browser.getCurrentUrl());
        assertEquals("meeting-room", browser.findElement(By.id("operator")).getText());
        assertEquals("Weekly triage review 2026-W10", browser.findElement(By.tagName("h1")).getText());
        assertEquals("3", browser.findElement(By.cssSelector("#fig-open .v")).getText());
        assertEquals("4", browser.findElement(By.cssSelector("#fig-new .v")).getText());
        assertEquals("2", browser.findElement(By.cssSelector("#fig-closed .v")).getText());
        assertEquals("1", browser.findElement(By.cssSelector("#fig-stale .v")).getText());
        assertEquals("5", browser.findElement(By.cssSelector("#name-DiskNoise .volume")).getText());
        assertTrue(browser.findElement(By.cssSelector("#name-DiskNoise .suggestion")).getText()
                .contains("acted on 0 of 8 times in 30 days"));
        assertTrue(browser.findElement(By.id("clusters")).getText().contains("feature=user_age"));
        // The chart is an image the browser loaded.
        Object width = ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.querySelector('img.chart').naturalWidth");
        assertEquals(800L, width);

        // Tag D in one click.
        browser.findElement(By.id("tag-input-" + week.d)).sendKeys("customer-x");
        clickAndWaitForNextPage(By.id("tag-" + week.d));
        assertTrue(browser.findElement(By.id("done")).getText().contains("Tagged #" + week.d + " customer-x"));
        assertEquals("customer-x", browser.findElement(By.cssSelector("#item-" + week.d + " .tags")).getText());
        assertTrue(browser.findElement(By.id("tags-in-use")).getText().startsWith("customer-x — 1 item(s)"),
                browser.findElement(By.id("tags-in-use")).getText());

        // Close the stale item.
        clickAndWaitForNextPage(By.id("close-stale"));
        assertTrue(browser.findElement(By.id("done")).getText().contains("Closed 1 stale item"));
        assertTrue(browser.findElements(By.id("item-" + week.a)).isEmpty(), "a closed item leaves the list to discuss");

        TriageService triage = app.bean(TriageService.class);
        var tag = triage.item(week.d).actions().getLast();
        assertEquals("tag", tag.kind());
        assertEquals("meeting-room", tag.actor());
        assertEquals("web", tag.surface());
        var close = triage.item(week.a).actions().getLast();
        assertEquals("close", close.kind());
        assertEquals("meeting-room", close.actor());

        // This week's page lists the decisions.
        browser.get(app.url() + "/review?week=current");
        String decided = browser.findElement(By.id("decided")).getText();
        assertTrue(decided.contains("meeting-room (web): tagged #" + week.d), decided);
        assertTrue(decided.contains("meeting-room (web): closed #" + week.a), decided);

        // Signing out ends the session: the page asks for a token again.
        clickAndWaitForNextPage(By.id("signout"));
        browser.get(app.url() + "/review?week=current");
        assertTrue(browser.getCurrentUrl().contains("/signin"), browser.getCurrentUrl());
    }
}
