package org.emotionart.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.emotionart.api.EmotionArt;
import org.emotionart.util.FileTrees;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Takes the screenshot for the docs over any savedmodels folder (not a test):
 * {@code java -cp <test classpath> org.emotionart.web.PageScreenshot MODELS STYLE EMOTION COUNT SEED IMAGE OUT_DIR}
 * paints, opens the walk, classifies IMAGE and writes OUT_DIR/web-page.png and web-page-phone.png.
 */
public final class PageScreenshot {
    private PageScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        Path profile = Files.createTempDirectory("emotion-art-chromium");
        System.setProperty("emotionart.screenshotDir", args[6]);
        try (EmotionArt art = EmotionArt.open(Path.of(args[0]));
             WebServer server = WebServer.start(art, WebServer.Options.defaults().withPort(0), line -> { })) {
            WebPageTest.driver = WebPageTest.chromium(profile, Files.createDirectories(profile.resolve("downloads")));
            WebDriver driver = WebPageTest.driver;
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
                driver.get(server.url().toString());
                wait.until(d -> new Select(d.findElement(By.id("style"))).getOptions().size() > 0
                        && !d.findElement(By.id("style")).getAttribute("value").isEmpty());
                new Select(driver.findElement(By.id("style"))).selectByValue(args[1]);
                driver.findElement(By.cssSelector("label.chip." + args[2])).click();
                driver.findElement(By.id("count")).clear();
                driver.findElement(By.id("count")).sendKeys(args[3]);
                driver.findElement(By.id("seed")).sendKeys(args[4]);
                driver.findElement(By.id("paint")).click();
                wait.until(d -> d.findElements(By.cssSelector("#walk-strip img")).size() == 9);
                driver.findElement(By.id("file")).sendKeys(Path.of(args[5]).toAbsolutePath().toString());
                wait.until(d -> d.findElements(By.cssSelector("#bars .bar")).size() == 3);
                Thread.sleep(800); // the bars' animation
                WebPageTest.screenshot("web-page.png");
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
                Thread.sleep(500);
                WebPageTest.screenshot("web-page-phone.png");
            } finally {
                driver.quit();
            }
        } finally {
            FileTrees.delete(profile);
        }
    }
}
