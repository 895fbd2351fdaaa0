package org.movierec.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven by Selenium, kept off the network: the driver is Debian's
 * {@code chromedriver} (Selenium Manager is never asked to download one) and Chromium gets its own
 * HOME and TMPDIR under {@code target/}. Without Chromium a test is skipped with a message, except
 * under {@code CI=true}, where it fails.
 */
final class Browser implements AutoCloseable {
    private static final List<String> BINARIES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts the browser, or skips (locally) / fails (CI) when Chromium or its driver is missing. */
    static Browser start() {
        String binary = first(BINARIES);
        String driverPath = first(DRIVERS);
        if (binary == null || driverPath == null) {
            String msg = "headless Chromium not found (" + (binary == null ? "no chromium" : "no chromedriver")
                    + "): apt-get install -y chromium chromium-driver";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(msg + " (CI=true: browser tests must run)");
            }
            Assumptions.abort(msg);
        }
        System.setProperty("SE_OFFLINE", "true");
        Path home = Path.of("target", "chromium-home").toAbsolutePath();
        Path tmp = home.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmp.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(driverPath).toFile())
                .usingAnyFreePort()
                .withEnvironment(env)
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--user-data-dir=" + home.resolve("profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new Browser(new ChromeDriver(service, options));
    }

    private static String first(List<String> paths) {
        for (String p : paths) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    void open(Path file) {
        driver.get(file.toAbsolutePath().toUri().toString());
    }

    /** Browser console entries at level SEVERE (errors), as text. */
    List<String> consoleErrors() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                out.add(e.getLevel() + " " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * Asserts that every chart ({@code figure.chart svg}) is rendered with a non-zero size and has
     * drawn content, and returns how many there are.
     */
    int assertChartsRendered() {
        List<WebElement> charts = driver.findElements(By.cssSelector("figure.chart svg"));
        for (WebElement svg : charts) {
            String id = svg.findElement(By.xpath("./ancestor::figure[1]")).getAttribute("id");
            Dimension size = svg.getSize();
            assertThat(size.getWidth()).as("width of chart %s", id).isGreaterThan(100);
            assertThat(size.getHeight()).as("height of chart %s", id).isGreaterThan(100);
            Number drawn = (Number) ((JavascriptExecutor) driver).executeScript(
                    "const b = arguments[0].getBBox(); return b.width * b.height;", svg);
            assertThat(drawn.doubleValue()).as("drawn area of chart %s", id).isGreaterThan(0);
            Number paths = (Number) ((JavascriptExecutor) driver).executeScript(
                    "return arguments[0].querySelectorAll('path').length;", svg);
            assertThat(paths.intValue()).as("paths in chart %s (title, axis titles, data)", id).isGreaterThanOrEqualTo(5);
        }
        return charts.size();
    }

    /** A PNG of the whole page (beyond the viewport), written to {@code file}. */
    Path screenshot(Path file) throws IOException {
        Map<String, Object> args = new HashMap<>();
        args.put("format", "png");
        args.put("captureBeyondViewport", true);
        Number w = (Number) driver.executeScript("return document.documentElement.scrollWidth;");
        Number h = (Number) driver.executeScript("return document.documentElement.scrollHeight;");
        args.put("clip", Map.of("x", 0, "y", 0, "width", w, "height", Math.min(h.intValue(), 16000), "scale", 1));
        Map<String, Object> r = driver.executeCdpCommand("Page.captureScreenshot", args);
        byte[] png = Base64.getDecoder().decode((String) r.get("data"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, png);
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
