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

    static {
        // Selenium warns on every start that it has no DevTools (CDP) bindings for Debian's chromium: not used here
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.SEVERE);
    }

    private final WebDriver driver;
    private final String base;

    private Browser(WebDriver driver, int port) {
        this.driver = driver;
        this.base = "http://127.0.0.1:" + port;
    }

    /** A fresh browser (no cookies) for the console at {@code port}. */
    public static Browser open(int port) {
        String chromium = env("HUREN_CHROMIUM", "/usr/bin/chromium");
        String chromedriver = env("HUREN_CHROMEDRIVER", "/usr/bin/chromedriver");
        if (!new File(chromium).canExecute() || !new File(chromedriver).canExecute()) {
            throw new IllegalStateException("the console's browser tests need " + chromium + " and " + chromedriver
                    + ": apt-get install -y chromium chromium-driver (.ci/run does), or set HUREN_CHROMIUM and "
                    + "HUREN_CHROMEDRIVER");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--lang=zh-CN", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver))
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

    /**
     * Downloads {@code path} with this browser's session (its cookies), as following a download link does: headless
     * Chromium shows PDFs and CSVs in no page to read.
     */
    public java.net.http.HttpResponse<byte[]> download(String path) {
        String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(base + path)).header("Cookie", cookies).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    /** Waits for {@code condition}; when it never holds, the page is kept (screenshot and HTML) beside the others. */
    public <T> T waitFor(ExpectedCondition<T> condition) {
        try {
            return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            String name = "failed-" + System.currentTimeMillis();
            screenshot(name);
            try {
                Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getCurrentUrl() + "\n"
                        + driver.getPageSource());
            } catch (IOException io) {
                e.addSuppressed(io);
            }
            throw e;
        }
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Saves a screenshot of the whole page (up to 6,000 px high) as {@code target/console-screenshots/<name>.png}. */
    public Path screenshot(String name) {
        org.openqa.selenium.Dimension window = driver.manage().window().getSize();
        try {
            Files.createDirectories(SCREENSHOTS);
            long height = (Long) script("return Math.max(document.body.scrollHeight, window.innerHeight)");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(window.getWidth(),
                    (int) Math.min(6000, height + 140)));
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(window);
            // how long the server took to answer the page (time to first byte), for the figures in ADR 0015
            Object ttfb = script("var n = performance.getEntriesByType('navigation')[0];"
                    + " return n ? Math.round(n.responseStart - n.requestStart) : null");
            Files.writeString(SCREENSHOTS.resolve("timings.csv"), name + "," + ttfb + "," + driver.getCurrentUrl()
                    + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
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
