package cn.beian.verify.process;

import cn.beian.verify.FilingTestDriver;
import cn.beian.verify.filing.Filing;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.FilingService;
import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.kernel.PersonalDataCipher;
import cn.beian.verify.kernel.PersonalDataHashes;
import cn.beian.verify.testdb.TestDatabases;
import cn.beian.verify.verification.VerificationService;
import cn.beian.verify.verification.Verifier;
import cn.beian.verify.verification.VerifierRepository;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Scenario tests on the real models, decisions and delegates: the whole application without its web server,
 * the job executor off, jobs executed by hand, the engine's clock moved for timers.
 */
@SpringBootTest
@ActiveProfiles("test")
@Tag(TestDatabases.TAG)
public abstract class ProcessScenarioSupport {
  protected static final String PROVIDER = "provider-test";

  @Autowired protected ProcessEngine engine;
  @Autowired protected FilingService filingService;
  @Autowired protected VerificationService verificationService;
  @Autowired protected FilingRepository filings;
  @Autowired protected VerifierRepository verifiers;
  @Autowired protected JdbcTemplate jdbc;
  @Autowired protected PersonalDataCipher cipher;
  @Autowired protected PersonalDataHashes hashes;

  @BeforeEach
  void initAssertions() {
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  protected static void setClock(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  protected String submit(FilingSubmission submission) {
    return filingService.submit(PROVIDER, submission).filing().id();
  }

  /** submits and runs whatever jobs are due right away, as the job executor would after the commit */
  protected String submitAndSend(FilingSubmission submission) {
    String filingId = submit(submission);
    runJobs(filingId);
    return filingId;
  }

  protected Filing filing(String filingId) {
    return filings.get(filingId);
  }

  protected ProcessInstance filingInstance(String filingId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(filingId)
        .processDefinitionKey(FilingProcess.KEY).singleResult();
  }

  protected String filingInstanceId(String filingId) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(filingId)
        .processDefinitionKey(FilingProcess.KEY).singleResult().getId();
  }

  protected ProcessInstance verificationInstance(String filingId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(filingId)
        .processDefinitionKey(SmsVerificationProcess.KEY).singleResult();
  }

  protected List<Job> timers(String filingId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(filingId).list().stream()
        .flatMap(pi -> engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers().list().stream())
        .toList();
  }

  protected Verifier verifierOf(String filingId, String phone) {
    String phoneHash = hashes.phone(phone);
    return verifiers.ofFiling(filingId).stream().filter(v -> v.phoneHash().equals(phoneHash)).findFirst()
        .orElseThrow(() -> new AssertionError("no verifier for " + phone));
  }

  protected List<Task> verifierTasks(String filingId) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(filingId)
        .taskDefinitionKey(SmsVerificationProcess.Elements.VERIFY_SMS_CODE).list();
  }

  /**
   * every incident the request's process instances (its filing process and the verifications it called) ever had,
   * open or resolved, once at its cause (the engine copies an incident into each calling instance): scoped to the
   * request, so other tests' incidents in the shared database never count
   */
  protected List<HistoricIncident> incidentsOf(String filingId) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(filingId).list()
        .stream()
        .flatMap(pi -> engine.getHistoryService().createHistoricIncidentQuery().processInstanceId(pi.getId()).list()
            .stream())
        .filter(incident -> incident.getId().equals(incident.getRootCauseIncidentId()))
        .toList();
  }

  protected List<String> events(String filingId) {
    return filings.events(filingId).stream().map(e -> e.event()).toList();
  }

  private FilingTestDriver driver() {
    return new FilingTestDriver(engine, jdbc, cipher, hashes);
  }

  /** executes the due jobs of the request's instances, as the job executor would after each commit */
  protected void runJobs(String filingId) {
    driver().runJobs(filingId);
  }

  protected List<Job> dueJobs(String filingId) {
    return driver().dueJobs(filingId);
  }

  protected List<String> smsTo(String phone) {
    return driver().smsTo(phone);
  }

  protected String latestCode(String phone) {
    return driver().latestCode(phone);
  }

  protected Task reviewTask(String filingId) {
    return driver().reviewTask(filingId);
  }
}
