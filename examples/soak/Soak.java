import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak load and its measurements, a JDK single-file program run by {@code examples/soak.sh}:
 * a steady mixed load on a running example (a fixed pool of users, each owned by one worker; of
 * the calls 38 % list notes, 20 % read one, 12 % create or delete one, 18 % update one, 10 % read
 * {@code /me}, 1 % refresh and 1 % log out and in again — in the first half only, so that
 * sessions stop being created half-way), and once a minute the service's heap after a full GC,
 * threads, open file descriptors and Redis's memory ({@code used_memory_dataset} judged).
 * Writes {@code minutes.csv} and {@code summary.txt} and exits 0 when the verdict is PASS, 1
 * otherwise.
 *
 * <pre>
 * java examples/soak/Soak.java BASE_URL PID REDIS_URL MINUTES OUT_DIR [SAMPLE_SECONDS]
 * </pre>
 *
 * Only JDK classes: tokens and ids are read from the JSON answers with patterns.
 */
public class Soak {

  static final int USERS = Integer.getInteger("soak.users", 16);
  static final int WORKERS = Integer.getInteger("soak.workers", 16);
  /** Requests per second, all workers together. */
  static final int RATE = Integer.getInteger("soak.rate", 60);
  /** Notes a user keeps at most: creates past it delete instead, so the database stays bounded. */
  static final int NOTES_PER_USER = 20;
  static final String PASSWORD = "a soak test's long password";
  static final Pattern TOKEN =
      Pattern.compile("\"(access_token|refresh_token)\"\\s*:\\s*\"([^\"]+)\"");
  static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

  // per-period counters: 2xx, 3xx, 4xx, 5xx, transport errors, latency sum (µs), max latency (µs)
  static final int C2 = 0, C3 = 1, C4 = 2, C5 = 3, ERR = 4, LAT_SUM = 5, LAT_MAX = 6, LOGINS = 7;
  static volatile AtomicLongArray period = new AtomicLongArray(8);
  static volatile boolean creatingSessions = true;
  static volatile boolean running = true;

  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  final URI base;

  Soak(URI base) {
    this.base = base;
  }

  /** A user of the pool with its session and the ids of its notes; one worker uses it. */
  final class User {
    final String email = "soak-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    String access;
    String refresh;
    final List<Long> notes = new ArrayList<>();

    void tokens(String json) {
      Matcher m = TOKEN.matcher(json);
      while (m.find()) {
        if (m.group(1).equals("access_token")) {
          access = m.group(2);
        } else {
          refresh = m.group(2);
        }
      }
    }

    void login() {
      Answer a = call("POST", "/auth/login", "{\"email\":\"" + email + "\",\"password\":\""
          + PASSWORD + "\"}", null);
      if (a.status == 200) {
        tokens(a.body);
        period.incrementAndGet(LOGINS);
      }
    }

    /** One operation of the mix. */
    void step(ThreadLocalRandom r) {
      if (access == null) {
        if (creatingSessions) {
          login();
        }
        return;
      }
      int dice = r.nextInt(100);
      if (dice == 0) {
        if (creatingSessions) {
          call("POST", "/auth/logout", "{\"refresh_token\":\"" + refresh + "\"}", access);
          access = null;
          login();
        } else {
          call("GET", "/me", null, access);
        }
      } else if (dice == 1) {
        // 1 %: each user refreshes every half minute or so, far more often than a real client
        // (every 15 minutes), but not so often that the service's bounded cache of verified
        // access tokens (8192) fills during the soak and reads as growth
        Answer a = call("POST", "/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}", null);
        if (a.status == 200) {
          tokens(a.body);
        }
      } else if (dice < 40) {
        call("GET", "/notes?page=0&size=20", null, access);
      } else if (dice < 60 && !notes.isEmpty()) {
        call("GET", "/notes/" + notes.get(r.nextInt(notes.size())), null, access);
      } else if (dice < 72 || notes.isEmpty()) {
        if (notes.size() >= NOTES_PER_USER) {
          long id = notes.remove(r.nextInt(notes.size()));
          call("DELETE", "/notes/" + id, null, access);
        } else {
          Answer a = call("POST", "/notes", note(r), access);
          Matcher m = ID.matcher(a.body);
          if (a.status == 201 && m.find()) {
            notes.add(Long.parseLong(m.group(1)));
          }
        }
      } else if (dice < 90) {
        call("PUT", "/notes/" + notes.get(r.nextInt(notes.size())), note(r), access);
      } else {
        call("GET", "/me", null, access);
      }
    }
  }

  static String note(ThreadLocalRandom r) {
    char[] body = new char[r.nextInt(50, 500)];
    Arrays.fill(body, (char) ('a' + r.nextInt(26)));
    return "{\"title\":\"note " + r.nextInt(1000) + "\",\"body\":\"" + new String(body) + "\"}";
  }

  record Answer(int status, String body) {
  }

  Answer call(String method, String path, String json, String bearer) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30));
    if (json != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    long start = System.nanoTime();
    AtomicLongArray p = period;
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      long micros = (System.nanoTime() - start) / 1000;
      p.incrementAndGet(Math.min(C5, r.statusCode() / 100 - 2));
      p.addAndGet(LAT_SUM, micros);
      p.accumulateAndGet(LAT_MAX, micros, Math::max);
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      p.incrementAndGet(ERR);
      return new Answer(-1, "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, "");
    }
  }

  /** One line of minutes.csv. */
  record Minute(int minute, String phase, long[] counts, long heapUsedKb, long heapCommittedKb,
      long threads, long fds, long redisUsedMemory, long redisDataset, long redisClients,
      long redisKeys) {
    long requests() {
      return counts[C2] + counts[C3] + counts[C4] + counts[C5];
    }

    String csv() {
      return String.join(",", String.valueOf(minute), phase, String.valueOf(requests()),
          String.valueOf(counts[C2]), String.valueOf(counts[C3]), String.valueOf(counts[C4]),
          String.valueOf(counts[C5]), String.valueOf(counts[ERR]), String.valueOf(counts[LOGINS]),
          String.valueOf(requests() == 0 ? 0 : counts[LAT_SUM] / requests() / 1000),
          String.valueOf(counts[LAT_MAX] / 1000), String.valueOf(heapUsedKb),
          String.valueOf(heapCommittedKb), String.valueOf(threads), String.valueOf(fds),
          String.valueOf(redisUsedMemory), String.valueOf(redisDataset),
          String.valueOf(redisClients), String.valueOf(redisKeys));
    }
  }

  static final String HEADER = "minute,phase,requests,2xx,3xx,4xx,5xx,transport_errors,logins,"
      + "mean_ms,max_ms,heap_used_after_full_gc_kb,heap_committed_kb,threads,open_fds,"
      + "redis_used_memory,redis_used_memory_dataset,redis_mem_clients_normal,redis_keys";

  public static void main(String[] args) throws Exception {
    if (args.length < 5) {
      System.err.println("usage: java Soak.java BASE_URL PID REDIS_URL MINUTES OUT_DIR"
          + " [SAMPLE_SECONDS]; examples/soak.sh runs it");
      System.exit(2);
    }
    URI base = URI.create(args[0]);
    long pid = Long.parseLong(args[1]);
    URI redis = URI.create(args[2]);
    int minutes = Integer.parseInt(args[3]);
    Path out = Path.of(args[4]);
    int sampleSeconds = args.length > 5 ? Integer.parseInt(args[5]) : 60;
    Files.createDirectories(out);
    Soak soak = new Soak(base);

    List<User> users = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      User u = soak.new User();
      Answer a = soak.call("POST", "/auth/register", "{\"email\":\"" + u.email
          + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Soak " + i + "\"}", null);
      if (a.status != 201) {
        throw new IllegalStateException("register answered " + a.status + ": " + a.body);
      }
      u.login();
      users.add(u);
    }
    period = new AtomicLongArray(8); // the set-up's logins are not the load's
    Minute start = sample(0, "start", new long[8], pid, redis);
    System.out.println(HEADER);
    System.out.println(start.csv());

    long intervalNanos = TimeUnit.SECONDS.toNanos(1) * WORKERS / RATE;
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      List<User> mine = new ArrayList<>();
      for (int i = w; i < users.size(); i += WORKERS) {
        mine.add(users.get(i));
      }
      Thread t = new Thread(() -> {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long next = System.nanoTime();
        while (running) {
          mine.get(r.nextInt(mine.size())).step(r);
          next += intervalNanos;
          long wait = next - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          } else if (wait < -intervalNanos * 10) {
            next = System.nanoTime(); // behind: steady rate, not a catch-up burst
          }
        }
      }, "soak-worker-" + w);
      t.start();
      workers.add(t);
    }

    List<Minute> rows = new ArrayList<>();
    int stopCreatingAfter = Math.max(1, minutes / 2);
    long t0 = System.nanoTime();
    for (int m = 1; m <= minutes; m++) {
      long until = t0 + TimeUnit.SECONDS.toNanos((long) sampleSeconds * m);
      while (System.nanoTime() < until) {
        LockSupport.parkNanos(until - System.nanoTime());
      }
      String phase = creatingSessions ? "mixed" : "no-new-sessions";
      AtomicLongArray done = period;
      period = new AtomicLongArray(8);
      if (m == stopCreatingAfter) {
        creatingSessions = false;
      }
      long[] counts = new long[8];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = done.get(i);
      }
      Minute row = sample(m, phase, counts, pid, redis);
      rows.add(row);
      System.out.println(row.csv());
    }
    running = false;
    for (Thread t : workers) {
      t.join(TimeUnit.SECONDS.toMillis(60));
    }

    List<String> csv = new ArrayList<>();
    csv.add(HEADER);
    csv.add(start.csv());
    rows.forEach(r -> csv.add(r.csv()));
    Files.write(out.resolve("minutes.csv"), csv);
    String summary = summary(rows, stopCreatingAfter, sampleSeconds);
    Files.writeString(out.resolve("summary.txt"), summary);
    System.out.print(summary);
    System.exit(summary.contains("VERDICT: PASS") ? 0 : 1);
  }

  static String summary(List<Minute> rows, int stopCreatingAfter, int sampleSeconds) {
    StringBuilder s = new StringBuilder();
    long requests = 0;
    long[] totals = new long[8];
    for (Minute r : rows) {
      requests += r.requests();
      for (int i = 0; i < totals.length; i++) {
        totals[i] += r.counts[i];
      }
    }
    s.append(String.format(Locale.ROOT, "soak: %d periods of %d s, %d requests (2xx %d, 3xx %d,"
        + " 4xx %d, 5xx %d, transport errors %d), %d logins; sessions created until the end of"
        + " period %d%n", rows.size(), sampleSeconds, requests, totals[C2], totals[C3], totals[C4],
        totals[C5], totals[ERR], totals[LOGINS], stopCreatingAfter));
    boolean pass = true;
    pass &= check(s, "responses >= 500", totals[C5] == 0, totals[C5] + " (must be 0)");
    pass &= check(s, "transport errors", totals[ERR] == 0, totals[ERR] + " (must be 0)");
    if (rows.size() < 3) {
      s.append("too few periods to judge the trends (need 3 or more)\n");
      pass = false;
    } else {
      Minute second = rows.get(1);
      Minute last = rows.get(rows.size() - 1);
      double heap = change(second.heapUsedKb, last.heapUsedKb);
      pass &= check(s, "heap after full GC, period 2 -> last", Math.abs(heap) <= 0.10,
          String.format(Locale.ROOT, "%d KiB -> %d KiB (%+.1f %%, within 10 %%)",
              second.heapUsedKb, last.heapUsedKb, heap * 100));
      pass &= check(s, "threads, period 2 -> last", flat(second.threads, last.threads),
          second.threads + " -> " + last.threads + " (range " + range(rows, r -> r.threads)
              + "; flat: within 10 % or 5)");
      pass &= check(s, "open fds, period 2 -> last", flat(second.fds, last.fds),
          second.fds + " -> " + last.fds + " (range " + range(rows, r -> r.fds)
              + "; flat: within 10 % or 5)");
      Minute settled = rows.get(Math.min(stopCreatingAfter, rows.size() - 1));
      // judged on what Redis holds for the data (used_memory_dataset: used_memory less the
      // server's overhead, which includes every client connection's buffers): at 2 MB in all,
      // the buffers of a pool whose size follows the load move used_memory by more than 10 %
      // while not one key is added (the first 10-minute run: +11.8 %, 679 -> 678 keys)
      double redis = change(settled.redisDataset, last.redisDataset);
      pass &= check(s, "Redis data (used_memory_dataset), period " + settled.minute
          + " (no new sessions) -> last", Math.abs(redis) <= 0.10, String.format(Locale.ROOT,
              "%d -> %d bytes (%+.1f %%, within 10 %%); used_memory %d -> %d (range %s), of it"
              + " client connections %d -> %d; keys %d -> %d", settled.redisDataset,
              last.redisDataset, redis * 100, settled.redisUsedMemory, last.redisUsedMemory,
              range(rows.subList(settled.minute - 1, rows.size()), r -> r.redisUsedMemory),
              settled.redisClients, last.redisClients, settled.redisKeys, last.redisKeys));
    }
    s.append("VERDICT: ").append(pass ? "PASS" : "FAIL").append('\n');
    return s.toString();
  }

  interface Field {
    long of(Minute m);
  }

  static String range(List<Minute> rows, Field f) {
    long min = rows.stream().mapToLong(f::of).min().orElse(0);
    long max = rows.stream().mapToLong(f::of).max().orElse(0);
    return min + ".." + max;
  }

  static boolean flat(long from, long to) {
    return Math.abs(to - from) <= Math.max(5, from / 10);
  }

  static double change(long from, long to) {
    return from == 0 ? Double.POSITIVE_INFINITY : (double) (to - from) / from;
  }

  static boolean check(StringBuilder s, String what, boolean ok, String detail) {
    s.append(ok ? "ok    " : "FAIL  ").append(what).append(": ").append(detail).append('\n');
    return ok;
  }

  /** Forces a full GC in the service, then reads its heap, threads, fds, and Redis. */
  static Minute sample(int minute, String phase, long[] counts, long pid, URI redis)
      throws IOException, InterruptedException {
    // both in one attach, back to back: GC.heap_info reads the heap as the full GC left it
    String heapInfo = jcmd(pid, "GC.run", "GC.heap_info");
    Matcher heap = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(heapInfo);
    long committed = -1;
    long used = -1;
    if (heap.find()) {
      committed = Long.parseLong(heap.group(1));
      used = Long.parseLong(heap.group(2));
    }
    long threads = -1;
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("Threads:")) {
        threads = Long.parseLong(line.substring(8).trim());
      }
    }
    long fds;
    try (var list = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
      fds = list.count();
    }
    String info = redis(redis, "INFO", "memory");
    long keys = Long.parseLong(redis(redis, "DBSIZE").trim());
    return new Minute(minute, phase, counts, used, committed, threads, fds,
        field(info, "used_memory"), field(info, "used_memory_dataset"),
        field(info, "mem_clients_normal"), keys);
  }

  /** A number of Redis's INFO, or -1. */
  static long field(String info, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + ":(\\d+)").matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  static String jcmd(long pid, String... commands) throws IOException, InterruptedException {
    Path file = Files.createTempFile("soak-jcmd", ".txt");
    try {
      Files.write(file, List.of(commands));
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd")
          .toString(), String.valueOf(pid), "-f", file.toString()).redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + pid + " " + List.of(commands) + " failed: "
            + out);
      }
      return out;
    } finally {
      Files.delete(file);
    }
  }

  /** One Redis command over RESP: the bulk string or integer reply as text. */
  static String redis(URI url, String... command) throws IOException {
    try (Socket s = new Socket(url.getHost(), url.getPort() < 0 ? 6379 : url.getPort())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      if (url.getUserInfo() != null) {
        String[] auth = url.getUserInfo().split(":", 2);
        reply(in, out, auth.length == 2 && !auth[0].isEmpty() ? new String[] {"AUTH", auth[0],
            auth[1]} : new String[] {"AUTH", auth[auth.length - 1]});
      }
      String db = url.getPath() == null ? "" : url.getPath().replace("/", "");
      if (!db.isEmpty()) {
        reply(in, out, "SELECT", db);
      }
      return reply(in, out, command);
    }
  }

  private static String reply(InputStream in, OutputStream out, String... command)
      throws IOException {
    StringBuilder req = new StringBuilder("*" + command.length + "\r\n");
    for (String c : command) {
      req.append('$').append(c.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(c)
          .append("\r\n");
    }
    out.write(req.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
    String line = readLine(in);
    switch (line.charAt(0)) {
      case '+', ':' -> {
        return line.substring(1);
      }
      case '$' -> {
        int n = Integer.parseInt(line.substring(1));
        byte[] data = in.readNBytes(n + 2);
        return new String(data, 0, n, StandardCharsets.UTF_8);
      }
      default -> throw new IOException("Redis answered " + line);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }
}
