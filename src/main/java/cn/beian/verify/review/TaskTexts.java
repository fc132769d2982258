package cn.beian.verify.review;

import cn.beian.verify.filing.Filing;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.PersonRepository;
import cn.beian.verify.filing.PersonRole;
import cn.beian.verify.kernel.BusinessZone;
import cn.beian.verify.kernel.PersonalDataCipher;
import cn.beian.verify.kernel.Provinces;
import cn.beian.verify.kernel.Texts;
import cn.beian.verify.verification.VerificationProperties;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff read in Tasklist's list before opening a task: its name, description and due date. Names stay in the
 * engine's history, so they carry no personal data: request number, type, an organisation's name in clear, an
 * individual's masked.
 */
@Component
@Transactional(readOnly = true)
public class TaskTexts {
  /** the engine's task name column holds 255 characters */
  static final int MAX_NAME = 255;

  private final FilingRepository filings;
  private final PersonRepository persons;
  private final PersonalDataCipher cipher;
  private final ProviderNames providers;
  private final ReviewDeadlines deadlines;
  private final ReviewProperties reviewProperties;
  private final BeijingTimes times;
  private final String zone;
  private final int maxFailedAttempts;

  public TaskTexts(FilingRepository filings, PersonRepository persons, PersonalDataCipher cipher,
      ProviderNames providers, ReviewProperties reviewProperties, VerificationProperties verification) {
    this.filings = filings;
    this.persons = persons;
    this.cipher = cipher;
    this.providers = providers;
    this.reviewProperties = reviewProperties;
    this.deadlines = new ReviewDeadlines(reviewProperties, verification.zone());
    this.times = new BeijingTimes(verification.zone());
    this.zone = BusinessZone.labelOf(verification.zone());
    this.maxFailedAttempts = verification.maxFailedAttempts();
  }

  /** @param due the review deadline (see {@link ReviewProperties}) */
  public record TaskText(String name, String description, Instant due) {}

  /** the bureau's review task, opened at {@code opened} */
  public TaskText reviewTask(String filingId, Instant opened) {
    Filing f = filings.get(filingId);
    String entity = entityShown(filingId);
    Instant due = deadlines.deadline(opened);
    String description = String.join("\n",
        Texts.text("review.task.requestNo", f.requestNo()),
        Texts.text("review.task.entity", entity),
        Texts.text("review.task.type", Labels.of(f.type()) + " · " + Labels.of(f.serviceType())),
        Texts.text("review.task.province", Provinces.nameOf(f.province())),
        Texts.text("review.task.provider", providers.nameOf(f.providerId())),
        Texts.text("review.task.submitted", times.format(f.submittedAt()), zone),
        Texts.text("review.task.due", times.format(due), zone, reviewProperties.deadlineWorkingDays()));
    return new TaskText(name(Texts.text("review.task.name"), f.requestNo(), Labels.of(f.type()), entity), description,
        due);
  }

  /** the description of a verifier task of the desk (its name and due date are set by the process) */
  public String verifierTaskDescription(String filingId) {
    Filing f = filings.get(filingId);
    return String.join("\n",
        Texts.text("review.task.requestNo", f.requestNo()),
        Texts.text("review.task.entity", entityShown(filingId)),
        Texts.text("review.task.type", Labels.of(f.type()) + " · " + Provinces.nameOf(f.province())),
        Texts.text("review.task.verificationDeadline", times.format(f.verificationDeadline()), zone),
        Texts.text("review.task.deskHint", maxFailedAttempts));
  }

  private String entityShown(String filingId) {
    String principal = persons.ofFiling(filingId).stream().filter(p -> p.role() == PersonRole.ENTITY_PRINCIPAL)
        .findFirst().map(p -> cipher.decrypt(p.nameEnc())).orElse(null);
    return EntityNames.shown(cipher.decrypt(filings.entityNameEnc(filingId)), principal);
  }

  /** 管局审核 ALIYUN-20261122-0001 首次备案 兰州示例科技有限公司, the entity shortened when the whole is too long */
  static String name(String what, String requestNo, String type, String entity) {
    String head = what + " " + requestNo + " " + type + " ";
    int room = MAX_NAME - head.length();
    if (room <= 1) {
      return head.substring(0, MAX_NAME);
    }
    return head + (entity.length() <= room ? entity : entity.substring(0, room - 1) + "…");
  }
}
