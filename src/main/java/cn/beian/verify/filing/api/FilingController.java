package cn.beian.verify.filing.api;

import cn.beian.verify.filing.Filing;
import cn.beian.verify.filing.FilingNotFoundException;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.FilingService;
import cn.beian.verify.filing.FilingService.Submitted;
import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.config.OpenApiConfiguration;
import cn.beian.verify.security.ProviderApiKeyFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The access providers' API (docs/http-contract.md §1): submit, view and withdraw their own filing requests. */
@RestController
@RequestMapping(path = FilingController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "备案申请(接入商)", description = "接入商提交、查询和撤回自己的备案申请。每个接入商使用自己的API密钥(请求头 X-Api-Key),"
    + "只能看到和操作自己的申请;其他接入商的申请一律答复404。")
@SecurityRequirement(name = OpenApiConfiguration.API_KEY)
@ApiResponse(responseCode = "401", description = "缺少API密钥或密钥无效",
    content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
        examples = @ExampleObject(value = ApiExamples.UNAUTHORIZED)))
public class FilingController {
  private static final Logger LOG = LoggerFactory.getLogger(FilingController.class);
  static final String PATH = "/api/v1/filings";

  private final FilingService filingService;
  private final FilingRepository filings;
  private final FilingViews views;

  FilingController(FilingService filingService, FilingRepository filings, FilingViews views) {
    this.filingService = filingService;
    this.filings = filings;
    this.views = views;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "提交备案申请",
      description = "校验申请并开始短信核验。requestNo 是接入商的幂等键:同一接入商以相同的 requestNo 和相同的内容再次提交,"
          + "返回已有的申请(200);内容不同则返回409。\n\n"
          + "type: NEW_FILING(首次备案)、NEW_WEBSITE(新增网站)、NEW_ACCESS(新增接入)、CHANGE(变更备案)、"
          + "CANCEL_ENTITY(注销主体)、CANCEL_WEBSITE(注销网站)、CANCEL_ACCESS(取消接入)、PHONE_CHANGE(变更手机号码);"
          + "serviceType: WEBSITE、APP、WEBSITE_AND_APP;idType: RESIDENT_ID(居民身份证)、PASSPORT(护照)、"
          + "HK_MACAO_PERMIT(港澳居民来往内地通行证)、TAIWAN_PERMIT(台湾居民来往大陆通行证)。"
          + "change 仅用于 CHANGE 和 PHONE_CHANGE(变更手机号码时,负责人信息中填写新号码)。\n\n"
          + "任何字段有误时返回400,errors 中逐项列出字段和原因;此时不保存任何数据,也不发送短信。"
          + "一个申请最多包含100个网站或应用(配置项 beian.filing.max-websites),超过时整份申请以400拒绝。")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
      mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = FilingSubmission.class),
      examples = {@ExampleObject(name = "首次备案", value = ApiExamples.SUBMISSION),
          @ExampleObject(name = "变更备案", value = ApiExamples.CHANGE)}))
  @ApiResponse(responseCode = "201", description = "已受理,开始短信核验",
      headers = @Header(name = "Location", description = "新申请的地址"),
      content = @Content(schema = @Schema(implementation = FilingView.class), examples = @ExampleObject(value = ApiExamples.VIEW)))
  @ApiResponse(responseCode = "200", description = "重复提交(相同 requestNo、相同内容):返回已有的申请",
      content = @Content(schema = @Schema(implementation = FilingView.class)))
  @ApiResponse(responseCode = "400", description = "申请信息有误",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
          examples = @ExampleObject(value = ApiExamples.INVALID)))
  @ApiResponse(responseCode = "413", description = "请求内容超过大小上限",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(responseCode = "409", description = "requestNo 已被使用,且申请内容不同",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
          examples = @ExampleObject(value = ApiExamples.REQUEST_NO_CONFLICT)))
  public ResponseEntity<FilingView> submit(@Parameter(hidden = true) @RequestAttribute(ProviderApiKeyFilter.PROVIDER_ID) String providerId,
      @RequestBody FilingSubmission submission) {
    Submitted submitted;
    try {
      submitted = filingService.submit(providerId, submission);
    } catch (DuplicateKeyException concurrentTwin) {
      // the same requestNo was stored by a submission running at the same moment, whose transaction won; asked
      // again in a new transaction, the service answers with that request, or with a conflict if the body differs
      LOG.info("Request {} of provider {} was submitted twice at once; answering with the stored one",
          submission.requestNo(), providerId);
      submitted = filingService.submit(providerId, submission);
    }
    FilingView view = views.of(submitted.filing());
    if (!submitted.created()) {
      return ResponseEntity.ok(view);
    }
    URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path(PATH + "/{filingId}")
        .buildAndExpand(submitted.filing().id()).toUri();
    return ResponseEntity.created(location).body(view);
  }

  @GetMapping("/{filingId}")
  @Operation(summary = "查询备案申请", description = "按备案申请ID查询申请的状态、待核验人和处理轨迹。")
  @ApiResponse(responseCode = "200", description = "申请的当前状态",
      content = @Content(schema = @Schema(implementation = FilingView.class), examples = @ExampleObject(value = ApiExamples.VIEW)))
  @ApiResponse(responseCode = "404", description = "申请不存在或不属于本接入商",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
          examples = @ExampleObject(value = ApiExamples.NOT_FOUND)))
  public FilingView get(@Parameter(hidden = true) @RequestAttribute(ProviderApiKeyFilter.PROVIDER_ID) String providerId,
      @Parameter(description = "备案申请ID(提交时返回的 filingId)") @PathVariable String filingId) {
    return views.of(owned(providerId, filingId));
  }

  @GetMapping
  @Operation(summary = "按申请编号查询备案申请", description = "按接入商自己的申请编号(requestNo)查询申请。")
  @ApiResponse(responseCode = "200", description = "申请的当前状态",
      content = @Content(schema = @Schema(implementation = FilingView.class), examples = @ExampleObject(value = ApiExamples.VIEW)))
  @ApiResponse(responseCode = "404", description = "本接入商没有该申请编号的申请",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
          examples = @ExampleObject(value = ApiExamples.NOT_FOUND)))
  public FilingView getByRequestNo(@Parameter(hidden = true) @RequestAttribute(ProviderApiKeyFilter.PROVIDER_ID) String providerId,
      @Parameter(description = "接入商的申请编号", example = "ALIYUN-20261122-0001") @RequestParam String requestNo) {
    return views.of(filings.findByRequestNo(providerId, requestNo)
        .orElseThrow(() -> new FilingNotFoundException(requestNo)));
  }

  @DeleteMapping("/{filingId}")
  @Operation(summary = "撤回备案申请", description = "撤回尚未结束的申请:状态变为 WITHDRAWN,尚未使用的短信验证码随即失效。"
      + "已结束的申请(已核准、已驳回、已退回或已撤回)不能撤回,返回409。")
  @ApiResponse(responseCode = "200", description = "已撤回",
      content = @Content(schema = @Schema(implementation = FilingView.class)))
  @ApiResponse(responseCode = "404", description = "申请不存在或不属于本接入商",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
          examples = @ExampleObject(value = ApiExamples.NOT_FOUND)))
  @ApiResponse(responseCode = "409", description = "申请已结束,不能撤回",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
          examples = @ExampleObject(value = ApiExamples.CLOSED)))
  public FilingView withdraw(@Parameter(hidden = true) @RequestAttribute(ProviderApiKeyFilter.PROVIDER_ID) String providerId,
      @Parameter(description = "备案申请ID") @PathVariable String filingId) {
    owned(providerId, filingId);
    return views.of(filingService.withdraw(filingId));
  }

  /** another provider's request is answered exactly like a missing one: its existence is not revealed */
  private Filing owned(String providerId, String filingId) {
    return filings.find(filingId).filter(f -> f.providerId().equals(providerId))
        .orElseThrow(() -> new FilingNotFoundException(filingId));
  }
}
