package cn.beian.verify.filing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A page of a provider's requests (docs/http-contract.md §1 "List"), newest submission first. */
@Schema(description = "一页备案申请,按提交时间从新到旧")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FilingPage(
    @Schema(description = "申请视图") List<FilingView> items,
    @Schema(description = "下一页的游标(作为 cursor 传入);没有下一页时为null", nullable = true,
        example = "MjAyNi0xMS0yMlQwNzowNDowNS4xMjM0NTZafzBiN2M0ZjBl.0f1e2d3c4b5a69788796a5b4c3d2e1f0") String nextCursor) {}
