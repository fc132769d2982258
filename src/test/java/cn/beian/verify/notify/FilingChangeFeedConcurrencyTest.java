package cn.beian.verify.notify;

import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingService;
import cn.beian.verify.testdb.ApplicationNode;
import cn.beian.verify.testdb.TestDatabase;
import cn.beian.verify.testdb.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The change feed's promise (docs/http-contract.md §1 "Changes": every event once, in commit order, also while events
 * commit concurrently on several nodes) against its classic trap: ids are taken at insert, transactions commit in
 * another order, and a reader that passed a later id would never see an earlier one commit. Two application nodes on
 * one database (PostgreSQL on the PostgreSQL run), several writer threads on each, one transaction held open on
 * purpose while the reader passes everything committed after it, and a reader that follows the feed page by page
 * over HTTP, alternating between the nodes.
 */
@Tag(TestDatabases.TAG)
class FilingChangeFeedConcurrencyTest {
  private static final String PROVIDER = "demo-provider-a", API_KEY = "demo-provider-a-key";
  private static final int THREADS_PER_NODE = 3, SUBMISSIONS_PER_THREAD = 6, PAGE = 7;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldGiveEveryEventOnceInCommitOrderWhileTwoNodesWriteAndATransactionIsHeldOpen() throws Exception {
    TestDatabase database = TestDatabases.fresh("feed");
    try (ApplicationNode a = ApplicationNode.on(database).start();
         ApplicationNode b = ApplicationNode.on(database).start()) {
      ExecutorService writers = Executors.newFixedThreadPool(2 * THREADS_PER_NODE + 1);
      try {
        // given a transaction on node B that wrote a request's first event and stays open
        CountDownLatch heldWritten = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> held = new AtomicReference<>();
        Future<?> holder = writers.submit(() -> new TransactionTemplate(b.bean(PlatformTransactionManager.class))
            .executeWithoutResult(tx -> {
              held.set(b.bean(FilingService.class).submit(PROVIDER, filing()).filing().id());
              heldWritten.countDown();
              await(release);
            }));
        await(heldWritten);

        // and writers on both nodes committing requests meanwhile
        List<Future<List<String>>> written = new ArrayList<>();
        for (ApplicationNode node : List.of(a, b)) {
          for (int t = 0; t < THREADS_PER_NODE; t++) {
            written.add(writers.submit(() -> {
              List<String> ids = new ArrayList<>();
              for (int i = 0; i < SUBMISSIONS_PER_THREAD; i++) {
                ids.add(node.bean(FilingService.class).submit(PROVIDER, filing()).filing().id());
              }
              return ids;
            }));
          }
        }

        // when a reader follows the feed while they write, alternating nodes, keeping only the last cursor
        Reader reader = new Reader(List.of(a, b));
        while (!written.stream().allMatch(Future::isDone)) {
          reader.readPage();
        }
        Set<String> committedOnes = new HashSet<>();
        for (Future<List<String>> ids : written) {
          committedOnes.addAll(ids.get(1, TimeUnit.MINUTES));
        }
        reader.readToTheEnd();
        // the reader is past every event committed after the held transaction started
        assertThat(reader.filingsSeen()).containsAll(committedOnes);
        int positionPassed = reader.items.size();
        // and has not seen the held request, whose event is still uncommitted
        assertThat(reader.filingsSeen()).doesNotContain(held.get());

        // when the held transaction commits, and the reader goes on from its cursor
        release.countDown();
        holder.get(1, TimeUnit.MINUTES);
        reader.readToTheEnd();

        // then the held request's events came after everything the reader had already passed: not skipped
        assertThat(reader.filingsSeen()).contains(held.get());
        assertThat(reader.items.subList(0, positionPassed))
            .noneMatch(item -> item.get("filingId").asText().equals(held.get()));
        // and every event stored came exactly once: as many as stored, no cursor twice
        int stored = a.jdbc().queryForObject("SELECT COUNT(*) FROM filing_change WHERE provider_id = ?",
            Integer.class, PROVIDER);
        assertThat(reader.items).hasSize(stored);
        assertThat(reader.items).extracting(item -> item.get("cursor").asText()).doesNotHaveDuplicates();
        // and each request's events in the order they were made: its submission first, one VERIFYING each
        Map<String, List<String>> byFiling = new LinkedHashMap<>();
        reader.items.forEach(item -> byFiling.computeIfAbsent(item.get("filingId").asText(), f -> new ArrayList<>())
            .add(item.get("event").asText() + " " + item.get("status").asText()));
        assertThat(byFiling).hasSize(committedOnes.size() + 1);
        assertThat(byFiling.values()).allSatisfy(events -> {
          assertThat(events.get(0)).isEqualTo("filing.status_changed VERIFYING");
          assertThat(events).filteredOn(e -> e.startsWith("filing.status_changed")).hasSize(1);
          assertThat(events.subList(1, events.size())).allMatch(e -> e.startsWith("verifier.sms_sent"));
        });
        // and nothing is left without a position
        assertThat(a.jdbc().queryForObject("SELECT COUNT(*) FROM filing_change WHERE position IS NULL", Integer.class))
            .isZero();
      } finally {
        writers.shutdownNow();
      }
    }
  }

  private static cn.beian.verify.filing.FilingSubmission filing() {
    return TestData.newFiling("CN-GS", person("张三"), person("李四"));
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(2, TimeUnit.MINUTES)) {
        throw new AssertionError("a writer did not get there");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** a provider's sync: the feed page by page, the last cursor kept, asking each node in turn */
  private final class Reader {
    private final List<ApplicationNode> nodes;
    private final List<JsonNode> items = new ArrayList<>();
    private final Map<String, Integer> cursorsSeen = new HashMap<>();
    private String cursor;
    private int turn;

    Reader(List<ApplicationNode> nodes) {
      this.nodes = nodes;
    }

    /** reads one page; false when it was empty */
    boolean readPage() throws IOException, InterruptedException {
      ApplicationNode node = nodes.get(turn++ % nodes.size());
      String query = "limit=" + PAGE + (cursor == null ? "" : "&after=" + cursor);
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + node.port() + "/api/v1/filing-changes?" + query))
          .header("X-Api-Key", API_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode page = JSON.readTree(response.body());
      for (JsonNode item : page.get("items")) {
        assertThat(cursorsSeen.put(item.get("cursor").asText(), items.size())).as("an event came twice: %s", item)
            .isNull();
        items.add(item);
      }
      if (!page.get("nextCursor").isNull()) {
        cursor = page.get("nextCursor").asText();
      }
      return !page.get("items").isEmpty();
    }

    /** until a page on each node comes back empty */
    void readToTheEnd() throws IOException, InterruptedException {
      int empty = 0;
      while (empty < nodes.size()) {
        empty = readPage() ? 0 : empty + 1;
      }
    }

    Set<String> filingsSeen() {
      Set<String> filings = new HashSet<>();
      items.forEach(item -> filings.add(item.get("filingId").asText()));
      return filings;
    }
  }
}
