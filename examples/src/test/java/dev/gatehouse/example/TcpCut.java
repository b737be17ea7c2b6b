package dev.gatehouse.example;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of a server (here the test's H2 database) that the test can cut and
 * restore: {@link #cut()} resets every relayed connection and closes the listening socket, so
 * the client sees its open connections fail and new ones refused — the database is unreachable;
 * {@link #restore()} listens again on the same port. Two daemon threads per relayed connection.
 */
final class TcpCut implements AutoCloseable {

  private final int targetPort;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private ServerSocket listener;

  private TcpCut(int targetPort, int port) {
    this.targetPort = targetPort;
    this.port = port;
  }

  /** Relays a free loopback port to {@code 127.0.0.1:targetPort}. */
  static TcpCut to(int targetPort) {
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      TcpCut relay = new TcpCut(targetPort, probe.getLocalPort());
      probe.close();
      relay.restore();
      return relay;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  /** Listens again on the same port. */
  synchronized void restore() {
    if (listener != null) {
      return;
    }
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      listener = s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ServerSocket accepting = listener;
    Thread acceptor = new Thread(() -> accept(accepting), "tcp-cut-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Resets every relayed connection and stops listening: connects are refused until restored. */
  synchronized void cut() {
    if (listener != null) {
      quietly(listener);
      listener = null;
    }
    for (Socket s : open) {
      try {
        s.setSoLinger(true, 0); // RST, as a network that drops the connection
      } catch (IOException alreadyClosed) {
        // closed by its peer meanwhile
      }
      quietly(s);
    }
    open.clear();
  }

  /** Relayed connections open now (both sides counted). */
  int openSockets() {
    return open.size();
  }

  private void accept(ServerSocket accepting) {
    while (!accepting.isClosed()) {
      Socket client;
      try {
        client = accepting.accept();
      } catch (IOException closed) {
        return;
      }
      Socket server;
      try {
        server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
      } catch (IOException e) {
        quietly(client);
        continue;
      }
      synchronized (this) {
        if (listener != accepting) { // cut while this one was being connected
          quietly(client);
          quietly(server);
          return;
        }
        open.add(client);
        open.add(server);
      }
      pump(client, server);
      pump(server, client);
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException ended) {
        // one side closed or was cut
      } finally {
        open.remove(from);
        open.remove(to);
        quietly(from);
        quietly(to);
      }
    }, "tcp-cut-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void quietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing is best effort
    }
  }

  @Override
  public void close() {
    cut();
  }
}
