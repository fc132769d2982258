package cn.beian.verify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.kernel.PersonalDataCipher;
import cn.beian.verify.kernel.PersonalDataHashes;
import cn.beian.verify.process.FilingProcess;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every test that drives a filing needs, whatever its Spring context: the request's due jobs executed by hand
 * (the job executor is off in tests), the SMS the built-in gateway kept, the review task.
 */
public final class FilingTestDriver {
  private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");

  private final ProcessEngine engine;
  private final JdbcTemplate jdbc;
  private final PersonalDataCipher cipher;
  private final PersonalDataHashes hashes;

  public FilingTestDriver(ProcessEngine engine, JdbcTemplate jdbc, PersonalDataCipher cipher, PersonalDataHashes hashes) {
    this.engine = engine;
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.hashes = hashes;
  }

  /** executes the due jobs of the request's instances one by one (a job may remove others) until none is left */
  public void runJobs(String filingId) {
    for (int round = 0; round < 100; round++) {
      List<Job> due = dueJobs(filingId);
      if (due.isEmpty()) {
        return;
      }
      engine.getManagementService().executeJob(due.get(0).getId());
    }
    throw new AssertionError("jobs of " + filingId + " keep coming");
  }

  public List<Job> dueJobs(String filingId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(filingId).list().stream()
        .flatMap(pi -> engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).executable().list().stream())
        .toList();
  }

  /** the texts the SMS gateway sent to a phone, newest first */
  public List<String> smsTo(String phone) {
    return jdbc.queryForList("SELECT text_enc FROM sms_message WHERE to_hash = ? ORDER BY sent_at DESC, id",
        String.class, hashes.phone(phone)).stream().map(cipher::decrypt).toList();
  }

  public String latestCode(String phone) {
    List<String> texts = smsTo(phone);
    assertThat(texts).as("SMS to %s", phone).isNotEmpty();
    Matcher m = CODE.matcher(texts.get(0));
    assertThat(m.find()).as("a 6-digit code in %s", texts.get(0)).isTrue();
    return m.group(1);
  }

  public Task reviewTask(String filingId) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(filingId)
        .taskDefinitionKey(FilingProcess.Elements.REVIEW_FILING).singleResult();
  }
}
