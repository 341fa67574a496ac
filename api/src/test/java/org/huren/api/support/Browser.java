package org.huren.api.support;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, found at their Debian paths or
 * through {@code HUREN_CHROMIUM} and {@code HUREN_CHROMEDRIVER}) driven through Selenium, signed in as one person
 * through the embedded authorization server's login form. Screenshots go to {@code target/console-screenshots}.
 */
public final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final WebDriver driver;
    private final String base;

    private Browser(WebDriver driver, int port) {
        this.driver = driver;
        this.base = "http://127.0.0.1:" + port;
    }

    /** A fresh browser (no cookies) for the console at {@code port}. */
    public static Browser open(int port) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(env("HUREN_CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--lang=zh-CN", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(env("HUREN_CHROMEDRIVER", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), port);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Opens the console and signs in through the login form as {@code username}. */
    public Browser signIn(String username, String password) {
        get("/console");
        waitFor(d -> d.getCurrentUrl().contains("/login"));
        driver.findElement(By.name("username")).sendKeys(username);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(d -> d.getCurrentUrl().contains("/console"));
        return this;
    }

    public Browser get(String path) {
        driver.get(base + path);
        return this;
    }

    public WebDriver driver() {
        return driver;
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public WebElement find(String css) {
        return waitFor(d -> d.findElement(By.cssSelector(css)));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public <T> T waitFor(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(condition);
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Saves a screenshot of the page as {@code target/console-screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
