package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in a real headless browser: the system's Chromium, driven through its chromedriver
 * by Selenium (which never downloads a browser here: both paths are given). The page refuses
 * without the admin token, loads with it, and shows a request made after it opened.
 */
class ConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final String TOKEN = "console-admin-token-0123";

    private final MockWebServer upstream = new MockWebServer();
    private ObservedServer server;
    private WebDriver browser;

    @BeforeEach
    void start(@TempDir Path profile) throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI needs chromium and chromium-driver (.ci/run installs them)");
        }
        Assumptions.assumeTrue(
                present,
                "chromium and chromium-driver are not installed (apt-get install chromium" + " chromium-driver)");
        upstream.start();
        server = new ObservedServer(Map.of(), "--admin-token", TOKEN);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1400,600",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        upstream.close();
    }

    @Test
    void refusesWithoutTheTokenLoadsWithItAndShowsARequestMadeAfterItOpened() throws Exception {
        assertEquals(401, server.get("/log/stream").statusCode());
        assertEquals(
                401,
                server.get("/log/stream", "authorization", "Bearer wrong-token-0123456789")
                        .statusCode());
        assertEquals(401, server.get("/public/").statusCode());

        browser.get(server.url() + "/public/");
        assertEquals("AI Gateway console: sign in", browser.getTitle());
        assertTrue(browser.findElements(By.id("rows")).isEmpty(), "no console without the token");

        signIn("not-the-admin-token-42");
        awaitTrue(() -> browser.findElement(By.id("refused")).isDisplayed(), "the wrong token is refused");
        assertTrue(browser.findElements(By.id("rows")).isEmpty());

        signIn(TOKEN);
        awaitTrue(() -> !browser.findElements(By.id("rows")).isEmpty(), "the console opens");
        assertEquals("AI Gateway console", browser.getTitle());
        awaitTrue(() -> browser.findElement(By.id("state")).getText().equals("live"), "the stream is open");

        upstream.enqueue(ObservabilityServerTest.answer("gpt-4o-mini", 1000, 500));
        String config = "{\"provider\":\"openai\",\"api_key\":\"sk-console-test\",\"custom_host\":\""
                + upstream.url("/v1") + "\"}";
        assertEquals(
                200,
                server.post(
                                "/v1/chat/completions",
                                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                                "x-portkey-config",
                                config)
                        .statusCode());

        awaitTrue(() -> !browser.findElements(By.cssSelector("tr.request")).isEmpty(), "the request is shown");
        List<WebElement> cells =
                browser.findElement(By.cssSelector("tr.request")).findElements(By.tagName("td"));
        assertEquals("200", cells.get(1).getText());
        assertEquals("/v1/chat/completions", cells.get(2).getText());
        assertTrue(
                cells.get(3).getText().equals("config openai 200"), cells.get(3).getText());
        assertEquals("openai / gpt-4o-mini", cells.get(4).getText());
        assertEquals("1000 / 500", cells.get(7).getText());
        assertEquals("0.00045", cells.get(8).getText());
        assertFalse(browser.getPageSource().contains("sk-console-test"), "no key on the page");

        // the status filter hides it, the provider filter keeps it
        browser.findElement(By.cssSelector("#status option[value='5']")).click();
        awaitTrue(() -> !browser.findElement(By.cssSelector("tr.request")).isDisplayed(), "5xx only hides a 200");
        browser.findElement(By.cssSelector("#status option[value='']")).click();
        browser.findElement(By.cssSelector("#provider option[value='openai']")).click();
        awaitTrue(() -> browser.findElement(By.cssSelector("tr.request")).isDisplayed(), "openai shows it");

        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", "console.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private void signIn(String token) {
        WebElement field = browser.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.id("signin")).click();
    }

    /** Polls for up to ten seconds: the page updates from a stream, not on a timer of the test's. */
    private static void awaitTrue(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (RuntimeException e) {
                // the page is reloading
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting: " + what);
    }
}
