package org.movierec.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real browser (Debian's headless Chromium driven by Selenium): a new user
 * searches, rates five movies (four with the mouse, one with the keyboard) and sees ten
 * recommendations with titles and reasons; a screenshot is kept under
 * {@code target/screenshots/} and checked to be non-blank.
 */
class WebPageBrowserTest {
    private static File find(String... names) {
        for (String n : names) {
            for (String dir : List.of("/usr/bin", "/usr/lib/chromium", "/usr/local/bin")) {
                File f = new File(dir, n);
                if (f.canExecute()) {
                    return f;
                }
            }
        }
        return null;
    }

    @Test
    void newUserRatesFiveMoviesAndSeesTenRecommendations() throws Exception {
        File chromium = find("chromium", "chromium-browser");
        File driverExe = find("chromedriver");
        if (chromium == null || driverExe == null) {
            String msg = "headless browser test needs Debian's chromium and chromium-driver "
                    + "(apt-get install -y chromium chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(msg + "; CI must run this test");
            }
            Assumptions.abort(msg);
        }
        Path work = TestServers.ROOT.resolve("browser").toAbsolutePath();
        Path home = work.resolve("home");
        // Chromium's singleton socket path must stay short (about 100 bytes): a fresh folder in /tmp, removed after
        Path tmp = Files.createTempDirectory("mrc");
        try {
            Files.createDirectories(home);
            System.setProperty("SE_OFFLINE", "true");
            MovieServer server = TestServers.start(work, 0);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverExe)
                    .usingAnyFreePort().withEnvironment(Map.of("HOME", home.toString(), "TMPDIR", tmp.toString()))
                    .withLogFile(work.resolve("chromedriver.log").toFile()).withVerbose(true)
                    .build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1100",
                    "--user-data-dir=" + work.resolve("profile"), "--disable-gpu", "--no-first-run");
            ChromeDriver driver = new ChromeDriver(service, options);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
                driver.get("http://127.0.0.1:" + server.port() + "/");
                wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
                assertThat(driver.findElement(By.id("model")).getText()).contains("biased-mf");
                // before rating: popular movies, for everyone
                assertThat(driver.findElement(By.id("strategy")).getText()).contains("popular");

                WebElement search = driver.findElement(By.id("search"));
                search.sendKeys("synthetic movie 1");
                wait.until(d -> d.findElements(By.cssSelector("#results li.movie")).size() >= 5);
                for (int k = 0; k < 5; k++) {
                    WebElement item = driver.findElements(By.cssSelector("#results li.movie")).get(k);
                    WebElement five = item.findElement(By.cssSelector(".stars button[data-stars='5']"));
                    if (k == 4) {
                        // keyboard: focus the star button and press Enter
                        ((JavascriptExecutor) driver).executeScript("arguments[0].focus()", five);
                        five.sendKeys(Keys.ENTER);
                    } else {
                        five.click();
                    }
                    int rated = k + 1;
                    wait.until(d -> d.findElements(By.cssSelector("#ratings li.movie")).size() == rated);
                }
                wait.until(d -> d.findElement(By.id("strategy")).getText().contains("fold-in")
                        && d.findElements(By.cssSelector("#recs li.rec")).size() == 10);
                List<WebElement> recs = driver.findElements(By.cssSelector("#recs li.rec"));
                assertThat(recs).hasSize(10);
                Set<String> titles = new HashSet<>();
                int explained = 0;
                for (WebElement r : recs) {
                    String title = r.findElement(By.className("title")).getText();
                    assertThat(title).startsWith("Synthetic Movie ");
                    titles.add(title);
                    String reason = r.findElement(By.className("reason")).getText();
                    assertThat(reason).containsPattern("(because you liked|nearest of your favourites:) Synthetic Movie");
                    if (reason.startsWith("because you liked")) {
                        explained++;
                    }
                }
                assertThat(explained).isGreaterThanOrEqualTo(5);
                assertThat(titles).hasSize(10);
                // similar movies open from a recommendation
                recs.get(0).findElement(By.className("similar-link")).click();
                wait.until(d -> d.findElements(By.cssSelector("#similar li.movie")).size() == 10);
                // the five ratings are stored
                assertThat(server.store().ratingCount()).isEqualTo(5);

                byte[] png = driver.getScreenshotAs(OutputType.BYTES);
                Path shots = Path.of("target", "screenshots");
                Files.createDirectories(shots);
                Files.write(shots.resolve("web-recommendations.png"), png);
                assertNotBlank(png);
            } finally {
                driver.quit();
                server.close();
            }
        } finally {
            // removed even when something above fails (server start, driver start, an assertion)
            try (var walk = Files.walk(tmp)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** At least 2% of the pixels differ from the top-left one, and there are more than 20 colours. */
    private static void assertNotBlank(byte[] png) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isGreaterThan(100);
        int bg = img.getRGB(0, 0);
        long differ = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int c = img.getRGB(x, y);
                colours.add(c);
                if (c != bg) {
                    differ++;
                }
            }
        }
        long total = (long) ((img.getHeight() + 1) / 2) * ((img.getWidth() + 1) / 2);
        assertThat((double) differ / total).isGreaterThan(0.02);
        assertThat(colours.size()).isGreaterThan(20);
    }
}
