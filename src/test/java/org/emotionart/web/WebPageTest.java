package org.emotionart.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.zip.ZipFile;
import org.emotionart.Emotion;
import org.emotionart.TestBundles;
import org.emotionart.api.EmotionArt;
import org.emotionart.api.Prediction;
import org.emotionart.util.FileTrees;
import org.emotionart.viz.Images;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page end to end in a real headless Chromium (Debian's chromium and chromium-driver, driven by
 * Selenium through the system chromedriver; Selenium Manager never runs): load, paint, walk,
 * download all, upload to classify, and read it at phone width. Screenshots go to
 * target/web-page*.png (and to -Demotionart.screenshotDir=DIR when given).
 *
 * <p>Chromium missing fails the test with the install command: CI's .ci/run installs it. Only
 * {@code -Demotionart.skipBrowserTests=true} skips it, for a machine that cannot have a browser.
 */
class WebPageTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    static EmotionArt art;
    static WebServer server;
    static WebDriver driver;
    static Path profile;
    static Path downloads;
    /** Selenium looks for DevTools support for this Chromium version; the test needs none. */
    static final java.util.logging.Logger CDP_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeFalse(Boolean.getBoolean("emotionart.skipBrowserTests"),
                "browser test skipped: -Demotionart.skipBrowserTests=true");
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("the browser test needs Debian's Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver (.ci/run does), or skip it with "
                    + "-Demotionart.skipBrowserTests=true");
        }
        art = EmotionArt.open(TestBundles.shared());
        server = WebServer.start(art, WebServer.Options.defaults().withPort(0), line -> { });
        profile = Files.createTempDirectory("emotion-art-chromium");
        downloads = Files.createDirectories(profile.resolve("downloads"));
        driver = chromium(profile, downloads);
    }

    /** Headless Chromium with the flags this closed network needs (no background connections). */
    static WebDriver chromium(Path profile, Path downloads) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString()); // no Selenium Manager
        CDP_LOG.setLevel(Level.OFF);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.resolve("profile"), "--window-size=1100,1500");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (art != null) {
            art.close();
        }
        if (profile != null) {
            FileTrees.delete(profile);
        }
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    static String dataUrl(BufferedImage image) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(Images.png(image));
    }

    @Test
    void paintWalkDownloadAndClassifyInTheBrowser() throws Exception {
        driver.get(server.url().toString());
        assertEquals("emotion-art", driver.getTitle());
        waiting().until(d -> new Select(d.findElement(By.id("style"))).getOptions().size() == 2);
        new Select(driver.findElement(By.id("style"))).selectByValue("portrait");
        driver.findElement(By.cssSelector("label.chip.negative")).click();
        WebElement count = driver.findElement(By.id("count"));
        count.clear();
        count.sendKeys("6");
        driver.findElement(By.id("seed")).sendKeys("11");
        driver.findElement(By.id("paint")).click();

        // the grid appears: six decoded images, the facade's paintings for seeds 11..16
        waiting().until(d -> d.findElements(By.cssSelector("#grid li img")).size() == 6
                && (Boolean) ((JavascriptExecutor) d).executeScript(
                "return [...document.querySelectorAll('#grid img')].every(i => i.complete && i.naturalWidth === 16)"));
        assertEquals("portrait · negative · seeds 11–16", driver.findElement(By.id("caption")).getText());
        List<BufferedImage> expected = art.generator("portrait").generate(Emotion.NEGATIVE, 6, 11);
        List<WebElement> images = driver.findElements(By.cssSelector("#grid li img"));
        for (int i = 0; i < 6; i++) {
            assertEquals(dataUrl(expected.get(i)), images.get(i).getAttribute("src"), "image " + i);
        }
        assertTrue(driver.findElement(By.id("status")).getText().contains("Seed 11"));

        // the emotion walk opens on the first painting: negative, then slide right to neutral
        waiting().until(d -> d.findElement(By.id("walk")).isDisplayed()
                && d.findElements(By.cssSelector("#walk-strip img")).size() == 9);
        assertEquals("portrait · seed 11 · negative", driver.findElement(By.id("walk-caption")).getText());
        driver.findElement(By.id("walk-slider")).sendKeys(Keys.ARROW_RIGHT);
        waiting().until(d -> d.findElement(By.id("walk-caption")).getText().endsWith("75% negative, 25% neutral"));
        for (int i = 0; i < 3; i++) {
            driver.findElement(By.id("walk-slider")).sendKeys(Keys.ARROW_RIGHT);
        }
        waiting().until(d -> d.findElement(By.id("walk-caption")).getText().endsWith("neutral")
                && !d.findElement(By.id("walk-caption")).getText().contains("%"));
        assertEquals(dataUrl(art.generator("portrait").generate(Emotion.NEUTRAL, 1, 11).get(0)),
                driver.findElement(By.id("walk-image")).getAttribute("src"));

        // download all: a zip of the six PNGs lands in the download folder
        driver.findElement(By.id("download-zip")).click();
        Path zip = downloads.resolve("portrait-negative-11.zip");
        waiting().until(d -> Files.exists(zip));
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertEquals(6, z.size());
        }

        // upload a painting: the bars show the classifier's probabilities
        BufferedImage painting = art.generator("landscape").generate(Emotion.POSITIVE, 1, 5).get(0);
        Path upload = profile.resolve("painting.png");
        Images.writePng(painting, upload);
        driver.findElement(By.id("file")).sendKeys(upload.toString());
        waiting().until(d -> d.findElements(By.cssSelector("#bars .bar")).size() == 3);
        Prediction p = art.classifier().classify(painting);
        assertEquals("It feels " + p.emotion().label() + " (" + Math.round(p.probability(p.emotion()) * 100) + "%).",
                driver.findElement(By.id("verdict")).getText());
        for (Emotion e : Emotion.values()) {
            WebElement bar = driver.findElement(By.cssSelector("#bars .bar[data-emotion=" + e.label() + "]"));
            assertEquals(String.valueOf(Math.round(p.probability(e) * 100)), bar.getAttribute("aria-valuenow"));
        }
        screenshot("web-page.png");

        // a file that is not an image: the server's message is shown, the page keeps working
        Path text = Files.writeString(profile.resolve("notes.png"), "not a painting");
        driver.findElement(By.id("file")).sendKeys(text.toString());
        waiting().until(d -> d.findElement(By.id("classify-error")).isDisplayed());
        assertTrue(driver.findElement(By.id("classify-error")).getText().contains("not a readable image"),
                driver.findElement(By.id("classify-error")).getText());

        // unknown count from "Surprise me" skips the form's own checks: the server's 400 is shown
        count.clear();
        count.sendKeys("99");
        driver.findElement(By.id("surprise")).click();
        waiting().until(d -> d.findElement(By.id("error")).isDisplayed());
        assertTrue(driver.findElement(By.id("error")).getText().contains("count must be an integer from 1 to 64"));

        assertNoConsoleErrors();
    }

    @Test
    void aFreshPageShowsNoBrokenImageAndASharedUrlPaintsTheSamePaintingsAgain() throws Exception {
        driver.get(server.url().toString());
        waiting().until(d -> new Select(d.findElement(By.id("style"))).getOptions().size() == 2);
        assertFalse(driver.findElement(By.id("classified")).isDisplayed(), "no empty preview box on a fresh page");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()"); // the other tests' paintings
        driver.navigate().refresh();
        waiting().until(d -> new Select(d.findElement(By.id("style"))).getOptions().size() == 2);
        assertFalse(driver.findElement(By.id("history-panel")).isDisplayed(), "no history before anything is painted");
        assertEquals(200, new Http(server.url()).get("/favicon.svg").statusCode());
        assertTrue(driver.findElement(By.id("file")).getAttribute("accept").contains("image/tiff"));

        // Surprise me: its seed lands in the seed field and in the address
        driver.findElement(By.cssSelector("label.chip.neutral")).click();
        driver.findElement(By.id("surprise")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#grid li img")).size() == 8
                && !d.findElement(By.id("seed")).getAttribute("value").isEmpty());
        String seed = driver.findElement(By.id("seed")).getAttribute("value");
        assertTrue(driver.findElement(By.id("status")).getText().contains("Seed " + seed), seed);
        String shared = driver.getCurrentUrl();
        assertTrue(shared.contains("emotion=neutral") && shared.contains("seed=" + seed) && shared.contains("count=8"),
                shared);
        String first = driver.findElement(By.cssSelector("#grid li img")).getAttribute("src");

        // the shared address, opened afresh: the form is restored and the same paintings come
        driver.get("about:blank");
        driver.get(shared);
        waiting().until(d -> d.findElements(By.cssSelector("#grid li img")).size() == 8);
        assertEquals(seed, driver.findElement(By.id("seed")).getAttribute("value"));
        assertTrue(driver.findElement(By.id("emotion-neutral")).isSelected());
        assertEquals(first, driver.findElement(By.cssSelector("#grid li img")).getAttribute("src"));

        // the session's history: one entry per distinct request, newest first; a click paints it again
        WebElement count = driver.findElement(By.id("count"));
        count.clear();
        count.sendKeys("2");
        driver.findElement(By.id("paint")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#history li")).size() == 2);
        assertTrue(driver.findElement(By.cssSelector("#history li span")).getText().contains("2 from seed " + seed));
        driver.findElements(By.cssSelector("#history li button")).get(1).click();
        waiting().until(d -> d.findElements(By.cssSelector("#grid li img")).size() == 8);
        assertEquals(first, driver.findElement(By.cssSelector("#grid li img")).getAttribute("src"));
        assertNoConsoleErrors();
    }

    @Test
    void readableOnAPhone() throws Exception {
        Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(390, 844));
            driver.get(server.url().toString());
            waiting().until(d -> new Select(d.findElement(By.id("style"))).getOptions().size() == 2);
            driver.findElement(By.id("paint")).click();
            waiting().until(d -> d.findElements(By.cssSelector("#grid li img")).size() == 8);
            Object overflow = ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0L, ((Number) overflow).longValue(), "no sideways scrolling at phone width");
            Number columns = (Number) ((JavascriptExecutor) driver).executeScript(
                    "return getComputedStyle(document.getElementById('grid')).gridTemplateColumns.split(' ').length");
            assertEquals(2, columns.intValue(), "two paintings per row on a phone");
            screenshot("web-page-phone.png");
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Test
    void axeFindsNoWcagAViolationsOnTheFreshOrThePaintedPage() throws Exception {
        assertEquals("", axeOnTheFreshAndThePaintedPage(() -> { }), "axe-core (WCAG 2.x A and AA)");
    }

    /** Loads the page, runs {@code check} on it, paints; axe-core's violations before and after, or "". */
    static String axeOnTheFreshAndThePaintedPage(Runnable check) throws IOException {
        driver.get(server.url().toString());
        waiting().until(d -> new Select(d.findElement(By.id("style"))).getOptions().size() == 2);
        check.run();
        List<String> fresh = axeViolations();
        driver.findElement(By.id("paint")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#grid li img")).size() == 8);
        List<String> painted = axeViolations();
        return fresh.isEmpty() && painted.isEmpty() ? "" : "fresh page " + fresh + "; after painting " + painted;
    }

    @Test
    void axeFindsNoWcagAViolationsInDarkModeEither() throws Exception {
        ChromeDriver chrome = (ChromeDriver) driver;
        chrome.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            assertEquals("", axeOnTheFreshAndThePaintedPage(() -> assertEquals("rgb(27, 26, 24)",
                    ((JavascriptExecutor) driver).executeScript(
                            "return getComputedStyle(document.documentElement).backgroundColor"),
                    "the dark colour scheme is in force")), "axe-core in dark mode");
        } finally {
            chrome.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features", List.of()));
        }
    }

    /** axe-core's violations of the WCAG 2.0–2.2 A and AA rules on the page as it is now, one line each. */
    static List<String> axeViolations() throws IOException {
        String axe;
        try (var in = WebPageTest.class.getResourceAsStream("/axe.min.js")) {
            assertNotNull(in, "axe.min.js (com.deque.html.axe-core:selenium) on the test classpath");
            axe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(axe);
        Object json = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
                + "'wcag22aa']}}).then(r => done(JSON.stringify(r.violations.map(v => v.id + ' (' + v.impact + '): '"
                + " + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))).catch(e => done('!' + e));");
        String text = String.valueOf(json);
        assertFalse(text.startsWith("!"), "axe-core failed to run: " + text);
        List<String> out = new ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(text).forEach(n -> out.add(n.asText()));
        return out;
    }

    static void assertNoConsoleErrors() {
        List<String> severe = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
                    && !entry.getMessage().contains("Failed to load resource")) { // the 400s asked for above
                severe.add(entry.getMessage());
            }
        }
        assertTrue(severe.isEmpty(), "console errors (a CSP violation?): " + severe);
    }

    /** The whole page: the window is stretched to the page's height for the shot, then put back. */
    static void screenshot(String name) throws IOException {
        Dimension window = driver.manage().window().getSize();
        Number height = (Number) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollHeight + (window.outerHeight - window.innerHeight)");
        driver.manage().window().setSize(new Dimension(window.getWidth(), Math.max(window.getHeight(), height.intValue())));
        byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        driver.manage().window().setSize(window);
        Files.write(Path.of("target").resolve(name), png);
        String dir = System.getProperty("emotionart.screenshotDir");
        if (dir != null && !dir.isBlank()) {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir).resolve(name), png);
        }
    }
}
