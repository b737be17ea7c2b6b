package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.embedded.EmbeddedServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * CORS as a real browser enforces it: headless Chromium loads a page from the allowed origin and
 * one from another origin; both call the API with {@code credentials: "include"}. Skipped, with one
 * line saying so, when Debian's chromium and chromium-driver are not installed.
 */
class BrowserCorsIT {

  static EmbeddedServer api;
  static HttpServer allowedSite;
  static HttpServer otherSite;
  static Path chromium;
  static Path chromedriver;

  static Optional<Path> first(String... candidates) {
    return Stream.of(candidates).map(Path::of).filter(Files::isExecutable).findFirst();
  }

  @BeforeAll
  static void start() throws IOException {
    chromium = first("/usr/bin/chromium", "/usr/bin/chromium-browser").orElse(null);
    chromedriver = first("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver").orElse(null);
    if (chromium == null || chromedriver == null) {
      System.out.println("BrowserCorsIT SKIPPED: Chromium not installed (apt-get install chromium"
          + " chromium-driver)");
    }
    Assumptions.assumeTrue(chromium != null && chromedriver != null,
        "Chromium not installed: browser CORS test skipped");
    allowedSite = site();
    otherSite = site();
    api = Main.start(Map.of("PORT", "0", "HOST", "127.0.0.1"), Map.of(
        "gatehouse.cors.allowed-origins", "http://localhost:" + allowedSite.getAddress().getPort()));
    String apiBase = "http://127.0.0.1:" + api.port();
    serve(allowedSite, apiBase);
    serve(otherSite, apiBase);
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.stop();
    }
    if (allowedSite != null) {
      allowedSite.stop(0);
    }
    if (otherSite != null) {
      otherSite.stop(0);
    }
  }

  static HttpServer site() throws IOException {
    return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
  }

  /** A page whose script calls the API twice: a simple GET and a preflighted JSON POST. */
  static void serve(HttpServer site, String apiBase) {
    String page = """
        <!doctype html><html><body><p id="get">pending</p><p id="post">pending</p><script>
        fetch('%1$s/health', {credentials: 'include'})
          .then(r => r.json()).then(j => document.getElementById('get').textContent = 'read:' + j.status)
          .catch(e => document.getElementById('get').textContent = 'blocked');
        fetch('%1$s/auth/login', {method: 'POST', credentials: 'include',
            headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({email: 'nobody@example.com', password: 'not a real password'})})
          .then(r => document.getElementById('post').textContent = 'status:' + r.status)
          .catch(e => document.getElementById('post').textContent = 'blocked');
        </script></body></html>
        """.formatted(apiBase);
    site.createContext("/", exchange -> {
      byte[] body = page.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    site.start();
  }

  static Map<String, String> visit(String url) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
    WebDriver browser = new ChromeDriver(service, options);
    try {
      browser.get(url);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      wait.until(b -> !b.findElement(By.id("get")).getText().equals("pending")
          && !b.findElement(By.id("post")).getText().equals("pending"));
      return Map.of("get", browser.findElement(By.id("get")).getText(),
          "post", browser.findElement(By.id("post")).getText());
    } finally {
      browser.quit();
    }
  }

  @Test
  void thePageFromTheAllowedOriginReadsTheApisAnswers() {
    Map<String, String> seen = visit("http://localhost:" + allowedSite.getAddress().getPort() + "/");
    assertThat(seen.get("get")).isEqualTo("read:UP");
    assertThat(seen.get("post")).isEqualTo("status:401");
  }

  @Test
  void aPageFromAnyOtherOriginIsBlockedByTheBrowser() {
    Map<String, String> seen = visit("http://localhost:" + otherSite.getAddress().getPort() + "/");
    assertThat(seen.get("get")).isEqualTo("blocked");
    assertThat(seen.get("post")).isEqualTo("blocked");
  }
}
