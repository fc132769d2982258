package cn.beian.verify.filing.api;

import cn.beian.verify.filing.Filing;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.FilingRepository.ListFilter;
import cn.beian.verify.filing.FilingRepository.ListKey;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingType;
import cn.beian.verify.kernel.Cursors;
import cn.beian.verify.kernel.Provinces;
import cn.beian.verify.kernel.QueryParameters;
import cn.beian.verify.kernel.Texts;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The list of a provider's requests (docs/http-contract.md §1 "List"): its parameters checked by the product, only
 * the caller's requests, keyset pages with a cursor sealed for the caller (Cursors): a cursor made up, garbled or
 * given to another provider is a 400 naming {@code cursor}, and even a valid one only moves within the caller's rows.
 */
@Component
class FilingList {
  static final String CURSOR_KIND = "filings";
  static final int MAX_LIMIT = 100, DEFAULT_LIMIT = 20;
  private static final List<String> PARAMETERS = List.of("status", "type", "province", "submittedFrom",
      "submittedTo", "limit", "cursor");

  private final FilingRepository filings;
  private final FilingViews views;
  private final Cursors cursors;

  FilingList(FilingRepository filings, FilingViews views, Cursors cursors) {
    this.filings = filings;
    this.views = views;
    this.cursors = cursors;
  }

  /** one read transaction: the page and the views of its requests are one consistent picture */
  @Transactional(readOnly = true)
  public FilingPage page(String providerId, Map<String, List<String>> query) {
    QueryParameters parameters = new QueryParameters(query, PARAMETERS);
    Optional<FilingStatus> status = parameters.oneOf("status", names(FilingStatus.values()))
        .map(FilingStatus::valueOf);
    Optional<FilingType> type = parameters.oneOf("type", names(FilingType.values())).map(FilingType::valueOf);
    Optional<String> province = parameters.parsed("province",
        code -> Provinces.isKnown(code) ? Optional.of(code) : Optional.empty(), Texts.text("query.province"));
    Optional<Instant> from = parameters.instant("submittedFrom");
    Optional<Instant> to = parameters.instant("submittedTo");
    if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
      parameters.refuse("submittedTo", Texts.text("query.range"));
    }
    int limit = parameters.limit("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    Optional<ListKey> after = parameters.parsed("cursor", cursor -> key(providerId, cursor), Texts.text("query.cursor"));
    parameters.check();

    // one more than asked: whether a next page exists, without counting
    List<Filing> rows = filings.list(providerId, new ListFilter(status.orElse(null), type.orElse(null),
        province.orElse(null), from.orElse(null), to.orElse(null)), after.orElse(null), limit + 1);
    List<Filing> page = rows.subList(0, Math.min(limit, rows.size()));
    String next = rows.size() > limit ? cursor(providerId, page.get(page.size() - 1)) : null;
    return new FilingPage(page.stream().map(views::of).toList(), next);
  }

  private String cursor(String providerId, Filing last) {
    return cursors.seal(CURSOR_KIND, providerId, List.of(last.submittedAt().toString(), last.id()));
  }

  private Optional<ListKey> key(String providerId, String cursor) {
    return cursors.open(CURSOR_KIND, providerId, cursor).filter(parts -> parts.size() == 2).flatMap(parts -> {
      try {
        return Optional.of(new ListKey(Instant.parse(parts.get(0)), parts.get(1)));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    });
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
