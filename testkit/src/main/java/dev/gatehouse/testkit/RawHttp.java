package dev.gatehouse.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Sends bytes exactly as written over a plain socket, for the attacks an HTTP client library
 * refuses to produce: conflicting {@code Content-Length} and {@code Transfer-Encoding}, chunked
 * bodies that never end, malformed paths. Reads one response (until the server closes or the
 * timeout passes).
 *
 * <pre>{@code
 * RawHttp.Response r = RawHttp.send(server.port(),
 *     "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
 *     + "5\r\nhello\r\n0\r\n\r\n");
 * assertThat(r.status()).isEqualTo(200);
 * }</pre>
 */
public final class RawHttp {

  private RawHttp() {
  }

  public static Response send(int port, String request) {
    return send("127.0.0.1", port, request.getBytes(StandardCharsets.ISO_8859_1), null);
  }

  /**
   * Sends {@code request} and then closes the sending side, as a client that breaks off does: a
   * body shorter than its {@code Content-Length} ends early instead of leaving the server waiting.
   */
  public static Response sendAndHalfClose(int port, String request) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      socket.shutdownOutput();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends {@code head}, then streams {@code bodyChunk} repeatedly (for chunked uploads larger than
   * the server accepts) until the server answers or closes, and returns the response.
   */
  public static Response send(String host, int port, byte[] head, byte[] bodyChunk) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(head);
        out.flush();
      } catch (IOException serverClosed) {
        return read(socket.getInputStream());
      }
      if (bodyChunk != null) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        InputStream in = socket.getInputStream();
        try {
          while (in.available() == 0 && System.nanoTime() < deadline) {
            out.write(bodyChunk);
            out.flush();
          }
        } catch (IOException serverClosed) {
          // the server answered and closed while we were still sending: read what it said
        }
      }
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = in.read(buffer)) != -1) {
        bytes.write(buffer, 0, n);
        if (complete(bytes.toString(StandardCharsets.ISO_8859_1))) {
          break;
        }
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      // keep what arrived
    }
    return Response.parse(bytes.toString(StandardCharsets.UTF_8));
  }

  private static boolean complete(String text) {
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    String head = text.substring(0, end).toLowerCase(Locale.ROOT);
    int cl = head.indexOf("\ncontent-length:");
    if (cl >= 0) {
      int lineEnd = head.indexOf('\r', cl + 1);
      String value = head.substring(cl + 16, lineEnd < 0 ? head.length() : lineEnd).trim();
      return text.length() - end - 4 >= Integer.parseInt(value);
    }
    if (head.contains("\ntransfer-encoding: chunked")) {
      return text.endsWith("\r\n0\r\n\r\n");
    }
    return false;
  }

  /** One HTTP response as text. */
  public record Response(int status, List<String> headerLines, String body) {

    static Response parse(String text) {
      int end = text.indexOf("\r\n\r\n");
      String head = end < 0 ? text : text.substring(0, end);
      String body = end < 0 ? "" : text.substring(end + 4);
      String[] lines = head.split("\r\n");
      int status = -1;
      if (lines.length > 0 && lines[0].startsWith("HTTP/")) {
        String[] parts = lines[0].split(" ");
        status = Integer.parseInt(parts[1]);
      }
      List<String> headers = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        headers.add(lines[i]);
      }
      return new Response(status, List.copyOf(headers), body);
    }

    public Optional<String> header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headerLines.stream()
          .filter(l -> l.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(l -> l.substring(prefix.length()).trim())
          .findFirst();
    }
  }
}
