package dev.gatehouse.example;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A concurrent mixed load on the notes service, as its clients use it: each worker has an account
 * and a session of its own and cycles through logins, refreshes, note reads and writes, a
 * registration and a health check, following the HTTP contract (a refresh answered 200 replaces
 * the session's tokens; a 401 on a refresh or with the access token sends the worker to log in
 * again; a 503 keeps the tokens for a retry). Every call is recorded with its start, end and
 * status — or, when the client's own read timeout ran out or the connection failed, status
 * {@code -1} and the reason — so a test can judge each call by when it was made.
 */
final class MixedLoad implements AutoCloseable {

  enum Op { LOGIN, REFRESH, LIST_NOTES, READ_NOTE, CREATE_NOTE, UPDATE_NOTE, REGISTER, HEALTH }

  /** The cycle each worker follows, from its own offset: reads and writes of notes dominate. */
  static final List<Op> MIX = List.of(Op.LIST_NOTES, Op.CREATE_NOTE, Op.READ_NOTE, Op.REFRESH,
      Op.UPDATE_NOTE, Op.LIST_NOTES, Op.HEALTH, Op.READ_NOTE, Op.LOGIN, Op.CREATE_NOTE,
      Op.LIST_NOTES, Op.REFRESH, Op.READ_NOTE, Op.REGISTER, Op.UPDATE_NOTE, Op.LIST_NOTES);

  static final String PASSWORD = "a long enough password";

  /** One call: times from {@link System#nanoTime()}; status {@code -1} when none came. */
  record Call(Op op, int worker, long start, long end, int status, String retryAfter,
      String contentType, String failure) {

    Duration latency() {
      return Duration.ofNanos(end - start);
    }

    /** Made entirely within {@code [from, to]}. */
    boolean within(long from, long to) {
      return start >= from && end <= to;
    }

    @Override
    public String toString() {
      return op + " #" + worker + " " + (failure != null ? failure : status) + " in "
          + latency().toMillis() + " ms";
    }
  }

  /** An account and its current session. */
  static final class Session {
    final String email;
    volatile String access;
    volatile String refresh;
    volatile long noteId;

    Session(String email, String access, String refresh, long noteId) {
      this.email = email;
      this.access = access;
      this.refresh = refresh;
      this.noteId = noteId;
    }
  }

  private final String base;
  private final Duration clientTimeout;
  private final List<Session> sessions;
  private final HttpClient http;
  private final List<Call> calls = new ArrayList<>(); // guarded by itself
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean running;

  MixedLoad(String base, List<Session> sessions, Duration clientTimeout) {
    this.base = base;
    this.sessions = sessions;
    this.clientTimeout = clientTimeout;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(clientTimeout).build();
  }

  /** Starts one worker per session. */
  synchronized void start() {
    running = true;
    for (int i = 0; i < sessions.size(); i++) {
      int worker = i;
      Thread t = new Thread(() -> work(worker), "load-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  /** Stops the workers after their call in progress (each bounded by the client's timeout). */
  synchronized void stop() {
    running = false;
    for (Thread t : workers) {
      try {
        t.join(clientTimeout.multipliedBy(2).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (t.isAlive()) {
        throw new AssertionError(t.getName() + " still runs: a call outlived its client timeout");
      }
    }
    workers.clear();
  }

  /** Every call recorded so far, in the order they ended. */
  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** Calls ended since index {@code from} of {@link #calls()}. */
  List<Call> callsFrom(int from) {
    List<Call> all = calls();
    return all.subList(Math.min(from, all.size()), all.size());
  }

  int callCount() {
    synchronized (calls) {
      return calls.size();
    }
  }

  private void work(int worker) {
    Session s = sessions.get(worker);
    int step = worker;
    boolean mustLogIn = false;
    while (running) {
      Op op = mustLogIn ? Op.LOGIN : MIX.get(step++ % MIX.size());
      Call call = call(worker, op, s);
      synchronized (calls) {
        calls.add(call);
      }
      if (op == Op.LOGIN && call.status() == 200) {
        mustLogIn = false;
      } else if (call.status() == 401 && op != Op.LOGIN) {
        mustLogIn = true;
      }
    }
  }

  /** One call outside the load (a probe), with the same client and timeout; not recorded. */
  Call once(Op op, Session s) {
    return call(-1, op, s);
  }

  private Call call(int worker, Op op, Session s) {
    HttpRequest request = request(op, s);
    long start = System.nanoTime();
    HttpResponse<String> r;
    try {
      r = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return new Call(op, worker, start, System.nanoTime(), -1, null, null,
          e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Call(op, worker, start, System.nanoTime(), -1, null, null, "interrupted");
    }
    long end = System.nanoTime();
    int status = r.statusCode();
    if (status == 200 && (op == Op.LOGIN || op == Op.REFRESH)) {
      JsonPath json = JsonPath.from(r.body());
      s.access = json.getString("access_token");
      s.refresh = json.getString("refresh_token");
    } else if (status == 201 && op == Op.CREATE_NOTE) {
      s.noteId = JsonPath.from(r.body()).getLong("id");
    }
    return new Call(op, worker, start, end, status,
        r.headers().firstValue("Retry-After").orElse(null),
        r.headers().firstValue("Content-Type").orElse(null), null);
  }

  private HttpRequest request(Op op, Session s) {
    String title = "\"title\":\"note " + UUID.randomUUID() + "\",\"body\":\"text\"";
    return switch (op) {
      case LOGIN -> post("/auth/login", "{\"email\":\"" + s.email + "\",\"password\":\""
          + PASSWORD + "\"}", null);
      case REFRESH -> post("/auth/refresh", "{\"refresh_token\":\"" + s.refresh + "\"}", null);
      case LIST_NOTES -> get("/notes?size=5", s.access);
      case READ_NOTE -> get("/notes/" + s.noteId, s.access);
      case CREATE_NOTE -> post("/notes", "{" + title + "}", s.access);
      case UPDATE_NOTE -> builder("/notes/" + s.noteId, s.access)
          .PUT(HttpRequest.BodyPublishers.ofString("{" + title + "}")).build();
      case REGISTER -> post("/auth/register", "{\"email\":\""
          + Client.uniqueEmail("load") + "\",\"password\":\"" + PASSWORD
          + "\",\"displayName\":\"Load\"}", null);
      case HEALTH -> get("/health", null);
    };
  }

  private HttpRequest post(String path, String json, String access) {
    return builder(path, access).POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  private HttpRequest get(String path, String access) {
    return builder(path, access).GET().build();
  }

  private HttpRequest.Builder builder(String path, String access) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(clientTimeout).header("Content-Type", "application/json");
    if (access != null) {
      b.header("Authorization", "Bearer " + access);
    }
    return b;
  }

  @Override
  public void close() {
    stop();
  }
}
