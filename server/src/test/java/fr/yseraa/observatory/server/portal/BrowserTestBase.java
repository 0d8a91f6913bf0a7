package fr.yseraa.observatory.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.server.ObservatoryApplication;
import fr.yseraa.observatory.server.TestServer;
import fr.yseraa.observatory.server.security.UserStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The portal's browser tests: one server (a demo of {@link #OCCURRENCES} occurrences in a fresh PostGIS database,
 * shared by every subclass, their configuration being this one) and one headless Debian Chromium driven by Debian's
 * chromedriver per test class. Pages say when they are done: {@code body[data-session]} once the session area knows
 * the caller (every page), {@code body[data-ready]} once the page's own content is drawn. Screenshots go to
 * {@code target/portal-screenshots/}.
 */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class BrowserTestBase {

    protected static final int OCCURRENCES = 3000;
    protected static final String PASSWORD = "portal test password, long enough";
    protected static final Path SCREENSHOTS = Path.of("target/portal-screenshots");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ChromeDriver browser;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "portal", OCCURRENCES);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected UserStore users;

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium or chromedriver is not installed (bin/ensure-test-tools installs them)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--lang=fr-FR",
                "--user-data-dir=" + Files.createTempDirectory("portal-chromium"));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    protected ChromeDriver browser() {
        return browser;
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Opens a page and waits until its session area knows the caller. */
    protected void open(String path) {
        browser.get(url(path));
        waitFor(By.cssSelector("body[data-session]"));
    }

    /** Opens a page and waits until its own content is drawn too. */
    protected void openReady(String path) {
        open(path);
        waitFor(By.cssSelector("body[data-ready]"));
    }

    protected WebElement waitFor(By by) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    protected WebElement waitVisible(By by) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    protected Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(js, args);
    }

    /** The console errors (and failed loads) since the last call. */
    protected List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    protected void assertNoConsoleErrors(String page) {
        assertThat(consoleErrors()).as("console errors of " + page).isEmpty();
    }

    /** Saves what the browser shows as {@code target/portal-screenshots/NAME.png}. */
    protected Path screenshot(String name) {
        try {
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Logs in through the page's session form as a demo account ({@link #knownPassword}); the page reloads with the
     * caller's view.
     */
    protected void login(String login) {
        knownPassword(login);
        browser.findElement(By.id("session-open")).click();
        browser.findElement(By.id("session-user")).sendKeys(login);
        browser.findElement(By.id("session-password")).sendKeys(PASSWORD);
        WebElement view = browser.findElement(By.id("session-view"));
        browser.findElement(By.cssSelector("#session-form button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.stalenessOf(view));
        waitFor(By.cssSelector("body[data-session=connecte]"));
    }

    /** Sets the password of a demo account to {@link #PASSWORD}, its roles and organisation as the demo made them. */
    protected void knownPassword(String login) {
        UserStore.StoredUser demo = users.findByLogin(login)
                .orElseThrow(() -> new AssertionError("the demo loader did not create " + login));
        users.saveUser(login, PASSWORD, demo.organisationId(), demo.roles());
    }

    /** Back to the public view: the login is forgotten and the page reloads. */
    protected void logout() {
        WebElement view = browser.findElement(By.id("session-view"));
        browser.findElement(By.id("session-close")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.stalenessOf(view));
        waitFor(By.cssSelector("body[data-session=public]"));
    }
}
