package cn.beian.verify.filing.api;

import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission.Entity;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.filing.FilingSubmission.Website;
import cn.beian.verify.filing.FilingSubmission;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The request view lists its verifiers in the order of the submission: the entity's principal first, then the
 * websites' principals as the request lists them — not by website ref or domain, not by the order the database
 * happens to return, and a person named twice where they first appear.
 */
@SharedHttpContext
class FilingViewVerifierOrderTest extends HttpTestSupport {

  @Test
  void shouldListTheVerifiersInTheOrderOfTheSubmission() {
    // given websites whose refs and domains sort the other way round, and the entity's principal again on one
    Person zhao = person("赵一"), qian = person("钱二"), sun = person("孙三"), li = person("李四"), zhou = person("周五");
    FilingSubmission submission = new FilingSubmission(TestData.requestNo(), "NEW_FILING", "CN-GS", "WEBSITE",
        new Entity("兰州示例科技有限公司", zhao),
        List.of(new Website("w9", "z.example.cn", qian), new Website("w10", "y.example.cn", sun),
            new Website("w2", "x.example.cn", zhao), new Website("w1", "b.example.cn", li),
            new Website("a", "a.example.cn", zhou)),
        null);

    // when it is submitted and its codes go out
    Response created = post("/api/v1/filings", PROVIDER_A_KEY, submission);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String filingId = created.body().get("filingId").asText();
    runJobs(filingId);

    // then the view, read as often as one likes, lists them as submitted
    for (int read = 0; read < 3; read++) {
      JsonNode verifiers = get("/api/v1/filings/" + filingId, PROVIDER_A_KEY).body().get("verifiers");
      assertThat(names(verifiers)).containsExactly("赵*", "钱*", "孙*", "李*", "周*");
      assertThat(verifiers.get(0).get("roles")).extracting(JsonNode::asText)
          .containsExactly("ENTITY_PRINCIPAL", "WEBSITE_PRINCIPAL");
    }
  }

  private static List<String> names(JsonNode verifiers) {
    List<String> names = new ArrayList<>();
    verifiers.forEach(v -> names.add(v.get("name").asText()));
    return names;
  }
}
