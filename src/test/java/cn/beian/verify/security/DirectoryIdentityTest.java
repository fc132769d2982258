package cn.beian.verify.security;

import static cn.beian.verify.security.TestDirectory.ADMINISTRATOR;
import static cn.beian.verify.security.TestDirectory.DESK_CLERK;
import static cn.beian.verify.security.TestDirectory.GANSU_REVIEWER;
import static cn.beian.verify.security.TestDirectory.NOBODY;
import static cn.beian.verify.security.TestDirectory.ZHEJIANG_REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.kernel.Provinces;
import cn.beian.verify.process.identity.IdentitySetup;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Production with the organisation's directory: Camunda's LDAP identity provider plugin against a real LDAP server
 * started here (UnboundID's in-memory directory), configured only by the BEIAN_LDAP_* variables. Directory users
 * log in with their directory passwords, the bureau group's province comes from the tenant memberships the product
 * keeps, and real filings show that a Gansu reviewer sees and completes only Gansu's review and the desk only
 * verifier tasks. The context stays cached like the others, and the directory runs until the JVM ends: closing a
 * context with Camunda's webapps resets their JVM-wide runtime delegates (AdminContainerBootstrap#contextDestroyed),
 * and another context whose webapp servlets start later would then fail to start them.
 */
@TestPropertySource(properties = {
    "camunda.bpm.process-engine-name=" + DirectoryIdentityTest.ENGINE,
    "BEIAN_LDAP_ENABLED=true",
    "BEIAN_LDAP_BASE_DN=" + TestDirectory.BASE_DN,
    "BEIAN_LDAP_MANAGER_DN=" + TestDirectory.MANAGER_DN,
    "BEIAN_LDAP_MANAGER_PASSWORD=" + TestDirectory.MANAGER_PASSWORD,
    "BEIAN_LDAP_USER_SEARCH_BASE=ou=people",
    "BEIAN_LDAP_GROUP_SEARCH_BASE=ou=groups",
    // the switch of the OpenAPI document, off by default in prod
    "BEIAN_API_DOCS_ENABLED=true",
    "beian.providers.accounts[0].id=provider-directory-test",
    "beian.providers.accounts[0].name=目录测试接入商",
    // SHA-256 of DirectoryIdentityTest.PROVIDER_KEY
    "beian.providers.accounts[0].api-key-sha256=0029bd5a4765d17e0f58fafe71eb02a59378eb9b59214aed2efb442f70f95991"})
class DirectoryIdentityTest extends ProductionContextSupport {
  static final String ENGINE = "prodDirectory";
  static final String PROVIDER_KEY = "directory-test-provider-key";
  private static final String REST = "/engine-rest/engine/" + ENGINE;
  private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");
  private static final TestDirectory DIRECTORY = startDirectory();

  @Autowired FilingRepository filings;
  @Autowired IdentitySetup identitySetup;

  private static TestDirectory startDirectory() {
    try {
      return new TestDirectory();
    } catch (Exception e) {
      throw new IllegalStateException("the test's LDAP server did not start", e);
    }
  }

  @DynamicPropertySource
  static void directory(DynamicPropertyRegistry registry) {
    registry.add("BEIAN_LDAP_URL", DIRECTORY::url);
  }

  @Test
  void shouldLetEachDirectoryUserDoOnlyTheirOwnPart() {
    // given a Gansu and a Zhejiang filing, submitted by a provider, their codes sent over SMPP
    Person zhang = TestData.person("张三"), li = TestData.person("李四");
    Person wang = TestData.person("王五"), zhao = TestData.person("赵六");
    String gansu = submit(TestData.newFiling("CN-GS", zhang, li));
    String zhejiang = submit(TestData.newFiling("CN-ZJ", wang, zhao));

    // when the directory's desk clerk lists the Gansu request's tasks
    List<JsonNode> deskSees = tasks(DESK_CLERK, gansu);

    // then the clerk sees its two verifier tasks and nothing else, and enters both codes
    assertThat(deskSees).extracting(t -> t.get("taskDefinitionKey").asText()).containsOnly("UserTask_VerifySmsCode").hasSize(2);
    verifyAtTheDesk(gansu, zhang, li);
    verifyAtTheDesk(zhejiang, wang, zhao);
    assertThat(filings.get(gansu).status()).isEqualTo(FilingStatus.UNDER_REVIEW);
    assertThat(filings.get(zhejiang).status()).isEqualTo(FilingStatus.UNDER_REVIEW);

    // when the reviewers and the clerk look for the review tasks
    String gansuReview = reviewTask(gansu).getId();
    String zhejiangReview = reviewTask(zhejiang).getId();

    // then Gansu's reviewer sees Gansu's review only, Zhejiang's reviewer Zhejiang's only, the clerk neither
    assertThat(ids(tasks(GANSU_REVIEWER, gansu))).containsExactly(gansuReview);
    assertThat(tasks(GANSU_REVIEWER, zhejiang)).isEmpty();
    assertThat(ids(tasks(ZHEJIANG_REVIEWER, zhejiang))).containsExactly(zhejiangReview);
    assertThat(tasks(ZHEJIANG_REVIEWER, gansu)).isEmpty();
    assertThat(tasks(DESK_CLERK, gansu)).isEmpty();
    assertThat(rest(GANSU_REVIEWER, "GET", "/task/" + zhejiangReview, null).status()).isEqualTo(404);

    // when Gansu's reviewer tries to complete Zhejiang's review, and the clerk Gansu's
    Response foreign = rest(GANSU_REVIEWER, "POST", "/task/" + zhejiangReview + "/complete", approve());
    Response clerk = rest(DESK_CLERK, "POST", "/task/" + gansuReview + "/complete", approve());

    // then both are refused and the tasks stay open
    assertThat(foreign.status()).isNotIn(200, 204);
    assertThat(clerk.status()).isNotIn(200, 204);
    assertThat(engine.getTaskService().createTaskQuery().taskIdIn(gansuReview, zhejiangReview).count()).isEqualTo(2);

    // when Gansu's reviewer approves Gansu's request
    Response approved = rest(GANSU_REVIEWER, "POST", "/task/" + gansuReview + "/complete", approve());

    // then it is approved, by that directory user; Zhejiang's waits for its own bureau
    assertThat(approved.status()).as(approved.raw().body()).isEqualTo(204);
    assertThat(filings.get(gansu).status()).isEqualTo(FilingStatus.APPROVED);
    assertThat(filings.get(gansu).reviewedBy()).isEqualTo(GANSU_REVIEWER.uid());
    assertThat(filings.get(zhejiang).status()).isEqualTo(FilingStatus.UNDER_REVIEW);
  }

  @Test
  void shouldGiveTheWebappsTheProvinceOfADirectoryUser() {
    // given a Gansu and a Zhejiang request under review
    String gansu = submitAndVerify("CN-GS");
    String zhejiang = submitAndVerify("CN-ZJ");

    // when Gansu's reviewer logs in to Tasklist with the directory password and lists tasks through the webapp API
    WebappSession browser = new WebappSession(null);
    Response login = browser.login(ENGINE, "tasklist", GANSU_REVIEWER.uid(), GANSU_REVIEWER.password());
    JsonNode listed = browser.get("/camunda/api/engine/engine/" + ENGINE + "/task?maxResults=1000").body();

    // then the login names the directory user, and only Gansu's review is listed
    assertThat(login.status()).as(login.raw().body()).isEqualTo(200);
    assertThat(login.body().get("userId").asText()).isEqualTo(GANSU_REVIEWER.uid());
    List<String> seen = new ArrayList<>();
    listed.forEach(task -> seen.add(task.get("id").asText()));
    assertThat(seen).contains(reviewTask(gansu).getId()).doesNotContain(reviewTask(zhejiang).getId());
    listed.forEach(task -> assertThat(task.get("tenantId").asText()).isEqualTo("CN-GS"));
  }

  @Test
  void shouldResolveTenantsFromTheGroupsInTheDirectory() {
    IdentityService identities = engine.getIdentityService();
    // the queries the engine REST authentication filter and the webapps make for a user
    assertThat(tenantsOf(GANSU_REVIEWER)).containsExactly("CN-GS");
    assertThat(tenantsOf(ZHEJIANG_REVIEWER)).containsExactly("CN-ZJ");
    assertThat(tenantsOf(DESK_CLERK)).hasSize(31).containsAll(Provinces.codes());
    assertThat(tenantsOf(NOBODY)).isEmpty();
    assertThat(identities.createTenantQuery().userMember(DESK_CLERK.uid()).includingGroupsOfUser(true).count()).isEqualTo(31);
    assertThat(identities.createTenantQuery().userMember(DESK_CLERK.uid()).includingGroupsOfUser(true)
        .tenantIdIn("CN-GS", "CN-ZJ").list()).extracting(Tenant::getId).containsExactlyInAnyOrder("CN-GS", "CN-ZJ");
    assertThat(identities.createTenantQuery().userMember(GANSU_REVIEWER.uid()).includingGroupsOfUser(true)
        .tenantIdIn("CN-ZJ").count()).isZero();
    // every province is a tenant, with the bureau's name
    assertThat(identities.createTenantQuery().count()).isEqualTo(31);
    assertThat(identities.createTenantQuery().tenantId("CN-GS").singleResult().getName()).isEqualTo("甘肃通信管理局");
  }

  @Test
  void shouldCheckPasswordsAgainstTheDirectory() {
    assertThat(rest(GANSU_REVIEWER, "GET", "/task?maxResults=1", null).status()).isEqualTo(200);
    assertThat(rest(GANSU_REVIEWER.uid(), "not-the-password", "GET", REST + "/task?maxResults=1", null, "198.51.100.40").status())
        .isEqualTo(401);
    assertThat(rest("no.such.user", "whatever", "GET", REST + "/task?maxResults=1", null, "198.51.100.40").status())
        .isEqualTo(401);
    // a directory user in none of the product's groups has a valid password and no Tasklist
    WebappSession browser = new WebappSession("198.51.100.41");
    assertThat(browser.login(ENGINE, "tasklist", NOBODY.uid(), NOBODY.password()).status()).isEqualTo(403);
  }

  @Test
  void shouldKeepUsersAndGroupsInTheDirectoryAndTenantsInTheDatabase() {
    // given the setup at startup; when it runs again, as on a restart
    List<Long> before = identityTables();
    identitySetup.postProcessEngineBuild(engine);

    // then nothing was added, and the engine writes no user, group membership or password of its own
    assertThat(identityTables()).isEqualTo(before);
    assertThat(engine.getIdentityService().isReadOnly()).isTrue();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_ID_USER", Long.class)).isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_ID_MEMBERSHIP", Long.class)).isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_ID_TENANT", Long.class)).isEqualTo(31);
    assertThat(jdbc.queryForList("SELECT TENANT_ID_ FROM ACT_ID_TENANT_MEMBER WHERE GROUP_ID_ = 'bureau-CN-GS'", String.class))
        .containsExactly("CN-GS");
    // the groups Tasklist shows are the directory's
    assertThat(engine.getIdentityService().createGroupQuery().groupId("bureau-CN-GS").singleResult().getName())
        .isEqualTo("bureau-CN-GS (directory)");
  }

  @Test
  void shouldEscapeWhatACallerPutsIntoADirectorySearch() {
    // given the directory's administrator (may read every user and group)
    assertThat(ids(rest(ADMINISTRATOR, "GET", "/user?firstNameLike=%25&maxResults=100", null).body()))
        .containsExactlyInAnyOrderElementsOf(TestDirectory.PEOPLE.stream().map(TestDirectory.Person::uid).toList());

    // when values carry LDAP filter syntax, then they are matched literally and find nobody
    assertThat(rest(ADMINISTRATOR, "GET", "/user?firstName=*&maxResults=100", null).body()).isEmpty();
    assertThat(rest(ADMINISTRATOR, "GET", "/user?lastName=*)(uid=*&maxResults=100", null).body()).isEmpty();
    assertThat(rest(ADMINISTRATOR, "GET", "/group?id=*&maxResults=100", null).body()).isEmpty();
    assertThat(rest(ADMINISTRATOR, "GET", "/group?name=*&maxResults=100", null).body()).isEmpty();
    assertThat(ids(rest(ADMINISTRATOR, "GET", "/group?id=bureau-CN-GS&maxResults=100", null).body())).containsExactly("bureau-CN-GS");
  }

  @Test
  void shouldRefuseCamundasAdministratorSetupWithADirectory() {
    Response page = get("/camunda/app/admin/" + ENGINE + "/setup/", null);
    assertThat(page.status()).isEqualTo(403);
  }

  @Test
  void shouldServeTheOpenApiDocumentWhenSwitchedOn() {
    assertThat(get("/v3/api-docs", null).status()).isEqualTo(200);
  }

  private String submit(Object submission) {
    Response created = post("/api/v1/filings", PROVIDER_KEY, submission);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String filingId = created.body().get("filingId").asText();
    runJobs(filingId);
    return filingId;
  }

  private String submitAndVerify(String province) {
    Person first = TestData.person("张三"), second = TestData.person("李四");
    String filingId = submit(TestData.newFiling(province, first, second));
    verifyAtTheDesk(filingId, first, second);
    assertThat(filings.get(filingId).status()).isEqualTo(FilingStatus.UNDER_REVIEW);
    return filingId;
  }

  /** the desk clerk submits each person's verifier form with the code read off the SMSC */
  private void verifyAtTheDesk(String filingId, Person... persons) {
    for (JsonNode task : tasks(DESK_CLERK, filingId)) {
      Person person = null;
      for (Person p : persons) {
        if (task.get("name").asText().contains(p.name().charAt(0) + "*")) {
          person = p;
        }
      }
      assertThat(person).as("a verifier task for %s", task.get("name")).isNotNull();
      Response submitted = rest(DESK_CLERK, "POST", "/task/" + task.get("id").asText() + "/submit-form", "{\"variables\":{"
          + "\"smsCode\":{\"value\":\"" + codeOnSmsc(person.phone()) + "\",\"type\":\"String\"},"
          + "\"phone\":{\"value\":\"" + person.phone() + "\",\"type\":\"String\"},"
          + "\"idLast6\":{\"value\":\"" + TestData.last6(person) + "\",\"type\":\"String\"}}}");
      assertThat(submitted.status()).as(submitted.raw().body()).isEqualTo(204);
    }
    runJobs(filingId);
  }

  private static String codeOnSmsc(String phone) {
    List<String> texts = SMSC.textsTo(phone);
    assertThat(texts).as("SMS to %s on the SMSC", phone).isNotEmpty();
    Matcher m = CODE.matcher(texts.get(texts.size() - 1));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  /** the open tasks of a request's instances that a directory user sees through engine REST */
  private List<JsonNode> tasks(TestDirectory.Person user, String filingId) {
    Response listed = rest(user, "GET", "/task?processInstanceBusinessKey=" + filingId + "&maxResults=1000", null);
    assertThat(listed.status()).as(listed.raw().body()).isEqualTo(200);
    List<JsonNode> tasks = new ArrayList<>();
    listed.body().forEach(tasks::add);
    return tasks;
  }

  private Response rest(TestDirectory.Person user, String method, String path, String body) {
    return rest(user.uid(), user.password(), method, REST + path, body, null);
  }

  private List<String> tenantsOf(TestDirectory.Person user) {
    return engine.getIdentityService().createTenantQuery().userMember(user.uid()).includingGroupsOfUser(true).list()
        .stream().map(Tenant::getId).toList();
  }

  private static List<String> ids(List<JsonNode> nodes) {
    return nodes.stream().map(n -> n.get("id").asText()).toList();
  }

  private static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }

  private static String approve() {
    return "{\"variables\":{\"approved\":{\"value\":true,\"type\":\"Boolean\"},"
        + "\"reviewComment\":{\"value\":\"材料齐全\",\"type\":\"String\"}}}";
  }

  private List<Long> identityTables() {
    return List.of("ACT_ID_USER", "ACT_ID_GROUP", "ACT_ID_MEMBERSHIP", "ACT_ID_TENANT", "ACT_ID_TENANT_MEMBER", "ACT_RU_AUTHORIZATION")
        .stream().map(table -> jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class)).toList();
  }
}
