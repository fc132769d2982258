package cn.beian.verify.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityNamesTest {

  @Test
  void shouldShowAnOrganisationsNameInClear() {
    assertThat(EntityNames.shown("兰州示例科技有限公司", "张三")).isEqualTo("兰州示例科技有限公司");
    assertThat(EntityNames.shown("甘肃省示例研究院", "张三")).isEqualTo("甘肃省示例研究院");
    assertThat(EntityNames.shown("兰州市城关区示例小吃店", "李四")).isEqualTo("兰州市城关区示例小吃店");
    assertThat(EntityNames.shown("Example Trading Co., Ltd.", "王五")).isEqualTo("Example Trading Co., Ltd.");
  }

  @Test
  void shouldMaskAPersonalFilingsEntityWhichIsThePersonHimself() {
    // a personal filing (个人备案): the entity is the principal
    assertThat(EntityNames.shown("张三", "张三")).isEqualTo("张*");
    assertThat(EntityNames.shown("欧阳娜娜", "欧阳娜娜")).isEqualTo("欧**娜");
  }

  @Test
  void shouldMaskANameThatIsNotRecognisablyAnOrganisations() {
    // a person's name that differs from the principal's, or a short name ending like a body: masked, to be safe
    assertThat(EntityNames.shown("李小会", "张三")).isEqualTo("李*会");
    assertThat(EntityNames.shown("王五", "张三")).isEqualTo("王*");
    assertThat(EntityNames.shown("买买提·艾力", "张三")).isEqualTo("买****力");
    assertThat(EntityNames.isOrganisation("示例公司", "示例公司")).isFalse();
  }
}
