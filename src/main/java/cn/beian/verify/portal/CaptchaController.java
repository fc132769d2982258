package cn.beian.verify.portal;

import cloud.tianai.captcha.application.CaptchaImageType;
import cloud.tianai.captcha.application.ImageCaptchaApplication;
import cloud.tianai.captcha.application.vo.CaptchaResponse;
import cloud.tianai.captcha.application.vo.ImageCaptchaVO;
import cloud.tianai.captcha.common.constant.CaptchaTypeConstant;
import cloud.tianai.captcha.common.response.ApiResponse;
import cloud.tianai.captcha.validator.common.model.dto.ImageCaptchaTrack;
import cn.beian.verify.kernel.Texts;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The slider puzzle of the public page (docs/http-contract.md §2 "Captcha"): {@code GET /api/v1/captcha} issues one,
 * {@code POST /api/v1/captcha/checks} takes the drag track and, when it lands on the gap, answers the single-use
 * {@code captchaToken} that {@code /api/v1/sms-verifications} and {@code /api/v1/sms-resends} accept.
 */
@RestController
@RequestMapping("/api/v1/captcha")
@Tag(name = "滑块拼图验证", description = "公开接口:获取拼图,提交拖动轨迹换取一次性 captchaToken")
public class CaptchaController {
  private static final Logger LOG = LoggerFactory.getLogger(CaptchaController.class);
  static final int MAX_TRACK_POINTS = 2000;
  static final float TOLERANCE = 0.02f;
  static final String FAILED = Texts.text("portal.captcha.failed");

  private final ImageCaptchaApplication captcha;
  private final CaptchaTokens tokens;
  private final CaptchaProperties properties;
  private final JdbcCaptchaCacheStore puzzles;

  public CaptchaController(ImageCaptchaApplication captcha, CaptchaTokens tokens, CaptchaProperties properties,
      JdbcCaptchaCacheStore puzzles) {
    this.captcha = captcha;
    this.tokens = tokens;
    this.properties = properties;
    this.puzzles = puzzles;
  }

  /**
   * A new puzzle: the background with a gap and the piece to slide into it, as data URIs, with their sizes.
   * With the captcha off, {@code required} is false and there is no puzzle.
   */
  @Operation(summary = "获取滑块拼图")
  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Puzzle> puzzle() {
    ResponseEntity.BodyBuilder ok = ResponseEntity.ok().cacheControl(CacheControl.noStore());
    if (!properties.enabled()) {
      return ok.body(new Puzzle(false, null, null, null, null, null, null, null));
    }
    CaptchaResponse<ImageCaptchaVO> issued = captcha.generateCaptcha(CaptchaTypeConstant.SLIDER, CaptchaImageType.JPEG_PNG);
    ImageCaptchaVO vo = issued.getCaptcha();
    return ok.body(new Puzzle(true, issued.getId(), vo.getBackgroundImage(), vo.getTemplateImage(),
        vo.getBackgroundImageWidth(), vo.getBackgroundImageHeight(), vo.getTemplateImageWidth(),
        vo.getTemplateImageHeight()));
  }

  /** The drag track of one puzzle; the puzzle is spent whatever the outcome (a miss needs a new puzzle). */
  @Operation(summary = "提交拖动轨迹,通过后得到一次性 captchaToken(2分钟内有效)")
  @PostMapping(path = "/checks", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<CheckAnswer> check(@RequestBody CheckRequest request) {
    ResponseEntity.BodyBuilder ok = ResponseEntity.ok().cacheControl(CacheControl.noStore());
    if (!properties.enabled()) {
      return ok.body(CheckAnswer.passed(tokens.issue()));
    }
    if (request.id() == null || request.id().isBlank() || request.id().length() > 100 || request.track() == null
        || request.track().getTrackList() == null || request.track().getTrackList().size() > MAX_TRACK_POINTS) {
      return ok.body(CheckAnswer.refused());
    }
    String key = CaptchaConfiguration.PREFIX + ":" + request.id();
    cloud.tianai.captcha.common.AnyMap expected = puzzles.getCache(key);
    ApiResponse<?> answer;
    try {
      // tianai's track checks (duration, wobble, jumps), then the position itself: its validator answered
      // success for misses in our tests, so where the piece landed is checked here as well
      answer = expected != null && landsOnTheGap(request.track(), expected.getFloat("percentage"))
          ? captcha.matching(request.id(), request.track()) : null;
    } catch (IllegalArgumentException | NullPointerException | ClassCastException malformed) {
      // a track with missing parts is a failed puzzle, not a server error
      LOG.debug("Malformed captcha track: {}", malformed.toString());
      answer = null;
    } finally {
      // one try per puzzle, hit or miss: a kept puzzle could be scanned offset by offset
      puzzles.forget(key);
    }
    if (answer == null) {
      return ok.body(CheckAnswer.refused());
    }
    return ok.body(answer.isSuccess() ? CheckAnswer.passed(tokens.issue()) : CheckAnswer.refused());
  }

  /** where the drag ended, as a fraction of the displayed width, within 2 % of the gap */
  static boolean landsOnTheGap(ImageCaptchaTrack track, Float expected) {
    var points = track.getTrackList();
    if (expected == null || points.isEmpty() || track.getBgImageWidth() == null || track.getBgImageWidth() <= 0
        || points.get(0).getX() == null || points.get(points.size() - 1).getX() == null) {
      return false;
    }
    float moved = points.get(points.size() - 1).getX() - points.get(0).getX();
    return Math.abs(moved / track.getBgImageWidth() - expected) <= TOLERANCE;
  }

  /** a puzzle; the images are data URIs, sizes in pixels of the images as issued */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Puzzle(boolean required, String id, String backgroundImage, String templateImage,
      Integer backgroundImageWidth, Integer backgroundImageHeight, Integer templateImageWidth,
      Integer templateImageHeight) {}

  /**
   * @param id the puzzle's id
   * @param track tianai-captcha's track: bgImageWidth/bgImageHeight as displayed, startTime/stopTime (epoch ms),
   *     trackList of {x, y, t, type} relative to where the drag began (type: down, move, up)
   */
  public record CheckRequest(String id, ImageCaptchaTrack track) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CheckAnswer(boolean passed, String captchaToken, String message) {
    static CheckAnswer passed(String token) {
      return new CheckAnswer(true, token, null);
    }

    static CheckAnswer refused() {
      return new CheckAnswer(false, null, FAILED);
    }
  }
}
