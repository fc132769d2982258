package cn.beian.verify.review;

import cn.beian.verify.filing.Filing;
import cn.beian.verify.filing.FilingEvent;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingType;
import cn.beian.verify.filing.PersonRepository;
import cn.beian.verify.filing.PersonRole;
import cn.beian.verify.filing.StoredPerson;
import cn.beian.verify.security.PersonalDataCipher;
import cn.beian.verify.verification.Names;
import cn.beian.verify.verification.Verifier;
import cn.beian.verify.verification.VerifierRepository;
import cn.beian.verify.verification.VerifierStatus;
import cn.beian.verify.verification.VerificationProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The bureau's review (RULES.md §8): what the reviewer sees, and what the decision does to the request. */
@Service
@Transactional
public class ReviewService {
  private static final Map<FilingType, String> TYPE_NAMES = Map.of(
      FilingType.NEW_FILING, "首次备案", FilingType.NEW_WEBSITE, "新增网站", FilingType.NEW_ACCESS, "新增接入",
      FilingType.CHANGE, "变更备案", FilingType.CANCEL_ENTITY, "注销主体", FilingType.CANCEL_WEBSITE, "注销网站",
      FilingType.CANCEL_ACCESS, "取消接入", FilingType.PHONE_CHANGE, "变更手机号码");
  private static final Map<VerifierStatus, String> STATUS_NAMES = Map.of(
      VerifierStatus.PENDING, "待核验", VerifierStatus.VERIFIED, "已核验", VerifierStatus.FAILED, "核验失败",
      VerifierStatus.EXPIRED, "已超时", VerifierStatus.CANCELLED, "已取消");

  private final FilingRepository filings;
  private final PersonRepository persons;
  private final VerifierRepository verifiers;
  private final PersonalDataCipher cipher;
  private final VerificationProperties properties;
  private final Clock clock;

  public ReviewService(FilingRepository filings, PersonRepository persons, VerifierRepository verifiers,
      PersonalDataCipher cipher, VerificationProperties properties, Clock clock) {
    this.filings = filings;
    this.persons = persons;
    this.verifiers = verifiers;
    this.cipher = cipher;
    this.properties = properties;
    this.clock = clock;
  }

  /** the request reaches its bureau (status UNDER_REVIEW) */
  public void openReview(String filingId) {
    Filing filing = filings.get(filingId);
    if (filing.status() != FilingStatus.UNDER_REVIEW) {
      filings.updateStatus(filingId, FilingStatus.UNDER_REVIEW);
      filings.addEvent(filingId, null, FilingEvent.UNDER_REVIEW, clock.instant(), null);
    }
  }

  /**
   * Rejected: closed as REJECTED. Approved: closed as APPROVED, unless verifications are still pending, which is
   * the phone number change (RULES.md §8: the new number is verified after the approval).
   */
  public void recordDecision(String filingId, boolean approved, String comment, String reviewer) {
    Instant now = clock.instant();
    filings.recordReview(filingId, approved ? "APPROVED" : "REJECTED", comment, reviewer);
    filings.addEvent(filingId, null, FilingEvent.REVIEWED, now, approved ? "APPROVED" : "REJECTED");
    boolean verificationFollows = !verifiers.idsOfFiling(filingId, VerifierStatus.PENDING).isEmpty();
    if (!approved) {
      filings.close(filingId, FilingStatus.REJECTED, null, now);
    } else if (verificationFollows) {
      filings.updateStatus(filingId, FilingStatus.VERIFYING);
    } else {
      filings.close(filingId, FilingStatus.APPROVED, null, now);
      filings.addEvent(filingId, null, FilingEvent.APPROVED, now, null);
    }
  }

  /** what the review form shows: the request and each person's verification trail, personal data masked */
  @Transactional(readOnly = true)
  public String summary(String filingId) {
    Filing f = filings.get(filingId);
    DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(properties.zone());
    StringBuilder s = new StringBuilder();
    s.append("申请编号: ").append(f.requestNo()).append('\n')
        .append("申请类型: ").append(TYPE_NAMES.get(f.type())).append(" (").append(f.type()).append(")\n")
        .append("省份: ").append(Provinces.nameOf(f.province())).append(" ").append(f.province()).append('\n')
        .append("服务类型: ").append(f.serviceType()).append('\n')
        .append("主体名称: ").append(Names.mask(cipher.decrypt(filings.entityNameEnc(filingId)))).append('\n')
        .append("提交时间: ").append(time.format(f.submittedAt())).append(" (北京时间)\n");
    for (StoredPerson p : persons.ofFiling(filingId)) {
      s.append(p.role() == PersonRole.ENTITY_PRINCIPAL ? "主体负责人: " : "网站负责人(" + p.websiteDomain() + "): ")
          .append(p.nameMasked()).append(' ').append(p.phoneMasked()).append('\n');
    }
    if (f.verificationDeadline() != null) {
      s.append("核验截止: ").append(time.format(f.verificationDeadline())).append(" (北京时间)\n");
    }
    s.append("短信核验记录:");
    var trail = verifiers.ofFiling(filingId);
    if (trail.isEmpty()) {
      s.append(" 无需短信核验\n");
    } else {
      s.append('\n');
      for (Verifier v : trail) {
        s.append("- ").append(v.nameMasked()).append(' ').append(v.phoneMasked())
            .append(" [").append(String.join(",", v.roles())).append("] ").append(STATUS_NAMES.get(v.status()))
            .append("; 首次发送 ").append(v.firstSentAt() == null ? "-" : time.format(v.firstSentAt()))
            .append("; 最近发送 ").append(v.lastSentAt() == null ? "-" : time.format(v.lastSentAt()))
            .append("; 人工重发 ").append(v.manualResends()).append(" 次; 自动重发 ").append(v.autoResent() ? "是" : "否")
            .append("; 失败 ").append(v.failedAttempts()).append(" 次; 核验时间 ")
            .append(v.verifiedAt() == null ? "-" : time.format(v.verifiedAt())).append('\n');
      }
    }
    return s.toString();
  }
}
