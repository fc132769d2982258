package cn.beian.verify.review;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.filing.FilingEvent;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingType;
import cn.beian.verify.filing.PersonRole;
import cn.beian.verify.filing.ReturnReason;
import cn.beian.verify.filing.ServiceType;
import cn.beian.verify.kernel.IdType;
import cn.beian.verify.sms.SmsEvents;
import cn.beian.verify.verification.CheckResult;
import cn.beian.verify.verification.VerifierStatus;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every code a clerk can meet in Tasklist has its Chinese label, so no raw WEBSITE or NEW_FILING shows. */
class LabelsTest {

  @Test
  void shouldLabelEveryValueOfEveryCodeStaffSee() {
    List<Enum<?>> codes = new ArrayList<>();
    Stream.of(FilingType.values(), ServiceType.values(), FilingStatus.values(), PersonRole.values(), IdType.values(),
        VerifierStatus.values(), ReturnReason.values()).forEach(values -> codes.addAll(List.of(values)));

    assertThat(codes).allSatisfy(code ->
        assertThat(Labels.of(code)).as(code.getDeclaringClass().getSimpleName() + "." + code)
            .isNotEqualTo(code.name()).doesNotContainPattern("[A-Z]{2,}_"));
    assertThat(Labels.of(FilingType.NEW_FILING)).isEqualTo("首次备案");
    assertThat(Labels.of(ServiceType.WEBSITE)).isEqualTo("网站");
    assertThat(Labels.of(PersonRole.ENTITY_PRINCIPAL)).isEqualTo("主体负责人");
  }

  @Test
  void shouldLabelEveryTrailEventAndEveryCodedDetail() throws IllegalAccessException {
    List<String> events = new ArrayList<>(constants(FilingEvent.class));
    events.addAll(constants(SmsEvents.class));
    assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(Labels.has("Event", e)).as(e).isTrue());

    List<String> details = new ArrayList<>(List.of("AUTO", "MANUAL", "APPROVED", "REJECTED",
        CheckResult.WRONG_INFO.name(), CheckResult.NOT_FOUND.name()));
    Stream.of(ReturnReason.values()).forEach(r -> details.add(r.name()));
    assertThat(details).allSatisfy(d -> assertThat(Labels.has("EventDetail", d)).as(d).isTrue());
    // a detail that is no code (a masked phone) is shown as it is
    assertThat(Labels.eventDetail("138****8000")).isEqualTo("138****8000");
  }

  private static List<String> constants(Class<?> holder) throws IllegalAccessException {
    List<String> values = new ArrayList<>();
    for (Field field : holder.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && Modifier.isPublic(field.getModifiers())
          && field.getType() == String.class) {
        values.add((String) field.get(null));
      }
    }
    return values;
  }
}
