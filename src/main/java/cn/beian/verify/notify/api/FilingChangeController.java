package cn.beian.verify.notify.api;

import cn.beian.verify.config.OpenApiConfiguration;
import cn.beian.verify.kernel.BusinessZone;
import cn.beian.verify.kernel.Cursors;
import cn.beian.verify.kernel.QueryParameters;
import cn.beian.verify.kernel.Texts;
import cn.beian.verify.notify.FilingChangeFeed;
import cn.beian.verify.notify.FilingChangeFeed.Change;
import cn.beian.verify.notify.ProviderEvent;
import cn.beian.verify.security.ProviderApiKeyFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The change feed of a provider's requests (docs/http-contract.md §1 "Changes"). */
@RestController
@Tag(name = "变更流(接入商)", description = "按提交顺序逐条获取本接入商所有申请的事件(状态变更和每位核验人的事件),"
    + "保存最后一个游标即可不遗漏、不重复地同步。")
@SecurityRequirement(name = OpenApiConfiguration.API_KEY)
class FilingChangeController {
  static final String PATH = "/api/v1/filing-changes";
  static final String CURSOR_KIND = "filing-changes";
  static final int MAX_LIMIT = 100, DEFAULT_LIMIT = 20;

  private final FilingChangeFeed feed;
  private final Cursors cursors;
  private final DateTimeFormatter times;

  FilingChangeController(FilingChangeFeed feed, Cursors cursors, BusinessZone zone) {
    this.feed = feed;
    this.cursors = cursors;
    this.times = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone.id());
  }

  @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "获取变更流",
      description = "返回本接入商所有申请在游标 after 之后的事件,按提交顺序排列:filing.status_changed(申请状态变更)以及"
          + "每位核验人的 verifier.sms_sent、verifier.sms_delivered、verifier.sms_undeliverable、verifier.verified、"
          + "verifier.failed、verifier.expired(姓名和手机号码已脱敏)。不带 after 时从第一个事件开始。"
          + "每个事件在各页中恰好出现一次,多个节点同时写入时也是如此;保存每页的 nextCursor,下次从它继续即可。"
          + "没有新事件时 items 为空,nextCursor 仍为传入的游标。游标是不透明的字符串,只对发给它的接入商有效。"
          + "status 是事件发生后申请的状态;回调中接入商可以选择接收哪些事件,变更流总是包含全部事件。")
  @Parameter(name = "after", in = ParameterIn.QUERY, description = "上一页返回的 nextCursor(或某个事件的 cursor);不带时从头开始",
      schema = @Schema(type = "string"))
  @Parameter(name = "limit", in = ParameterIn.QUERY, description = "每页最多事件数,1–100,默认20",
      schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20"))
  @ApiResponse(responseCode = "200", description = "after 之后的事件",
      content = @Content(schema = @Schema(implementation = FilingChanges.class),
          examples = @ExampleObject(value = FeedExamples.PAGE)))
  @ApiResponse(responseCode = "400", description = "查询参数有误(例如游标无效、limit 超出范围、参数重复或不支持)",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
          examples = @ExampleObject(value = FeedExamples.INVALID)))
  @ApiResponse(responseCode = "401", description = "缺少API密钥或密钥无效",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
  public FilingChanges changes(
      @Parameter(hidden = true) @RequestAttribute(ProviderApiKeyFilter.PROVIDER_ID) String providerId,
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
    QueryParameters parameters = new QueryParameters(query, List.of("after", "limit"));
    int limit = parameters.limit("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    Optional<Long> after = parameters.parsed("after", cursor -> position(providerId, cursor),
        Texts.text("query.cursor"));
    parameters.check();
    List<Change> changes = feed.after(providerId, after.orElse(0L), limit);
    List<FilingChanges.Item> items = changes.stream().map(change -> item(providerId, change)).toList();
    String next = items.isEmpty() ? parameters.text("after").orElse(null) : items.get(items.size() - 1).cursor();
    return new FilingChanges(items, next);
  }

  private Optional<Long> position(String providerId, String cursor) {
    return cursors.open(CURSOR_KIND, providerId, cursor).filter(parts -> parts.size() == 1).flatMap(parts -> {
      try {
        long position = Long.parseLong(parts.get(0));
        return position >= 0 ? Optional.of(position) : Optional.empty();
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  private FilingChanges.Item item(String providerId, Change change) {
    ProviderEvent e = change.event();
    return new FilingChanges.Item(cursors.seal(CURSOR_KIND, providerId, List.of(Long.toString(change.position()))),
        e.filingId(), e.requestNo(), e.event(), e.status(), e.returnReason(),
        e.verifier(),
        times.format(e.at().truncatedTo(ChronoUnit.MILLIS)));
  }
}
