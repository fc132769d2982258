package cn.beian.verify.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An access provider's callback endpoint on 127.0.0.1: records every delivery (its {@code X-Callback-Id}, its body,
 * and whether it was acknowledged) and answers 200, or, while {@link #hold()} is on, keeps the request open without
 * answering, as a slow provider does: the node that sent it holds the row's lease meanwhile.
 */
final class CallbackReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** one delivery as the provider saw it; {@code acknowledged}: it was answered 200 */
  record Delivery(String callbackId, JsonNode body, boolean acknowledged) {
    String filingId() {
      return body.get("filingId").asText();
    }

    String status() {
      return body.get("status").asText();
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final List<String> heldIds = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch holding = new CountDownLatch(0);

  CallbackReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // a thread per request: a held request must not hold up the others
    server.setExecutor(threads);
    server.createContext("/callbacks", this::answer);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/callbacks";
  }

  /** from now on requests are kept open, unanswered, until {@link #answerAll()} */
  void hold() {
    holding = new CountDownLatch(1);
  }

  /** held requests are let go (their senders may be gone), and every request from now on is answered 200 */
  void answerAll() {
    holding.countDown();
  }

  /** the callback ids of the requests that arrived while held */
  List<String> heldIds() {
    return List.copyOf(heldIds);
  }

  List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  List<Delivery> acknowledged() {
    return deliveries.stream().filter(Delivery::acknowledged).toList();
  }

  private void answer(HttpExchange exchange) throws IOException {
    String id = exchange.getRequestHeaders().getFirst("X-Callback-Id");
    JsonNode body = JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    CountDownLatch latch = holding;
    if (latch.getCount() > 0) {
      heldIds.add(id);
      try {
        latch.await(5, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      // whoever sent it may be dead by now: this answer reaches no one, so it acknowledges nothing
      deliveries.add(new Delivery(id, body, false));
      exchange.close();
      return;
    }
    try {
      exchange.sendResponseHeaders(200, -1);
      deliveries.add(new Delivery(id, body, true));
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    answerAll();
    server.stop(0);
    threads.shutdownNow();
  }
}
