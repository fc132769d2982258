package cn.beian.verify.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CarrierDirectoryTest {
  private static final CarrierDirectory DEFAULT = CarrierDirectory.loadDefault();

  @ParameterizedTest
  @ValueSource(strings = {"134", "135", "136", "137", "138", "139", "147", "148", "150", "151", "152", "157", "158",
      "159", "172", "178", "182", "183", "184", "187", "188", "195", "197", "198"})
  void shouldRouteChinaMobileSegments(String segment) {
    // given a number of a China Mobile segment
    // when / then its carrier is China Mobile
    assertThat(DEFAULT.carrierOf(segment + "12345678")).contains(Carrier.CHINA_MOBILE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"130", "131", "132", "145", "146", "155", "156", "166", "171", "175", "176", "185", "186", "196"})
  void shouldRouteChinaUnicomSegments(String segment) {
    // given a number of a China Unicom segment
    // when / then its carrier is China Unicom
    assertThat(DEFAULT.carrierOf(segment + "12345678")).contains(Carrier.CHINA_UNICOM);
  }

  @ParameterizedTest
  @ValueSource(strings = {"133", "149", "153", "173", "177", "180", "181", "189", "190", "191", "193", "199"})
  void shouldRouteChinaTelecomSegments(String segment) {
    // given a number of a China Telecom segment
    // when / then its carrier is China Telecom
    assertThat(DEFAULT.carrierOf(segment + "12345678")).contains(Carrier.CHINA_TELECOM);
  }

  @Test
  void shouldRouteSatelliteSegmentToChinaTelecom() {
    // given a 1740x satellite number
    // when / then it goes through China Telecom
    assertThat(DEFAULT.carrierOf("17400123456")).contains(Carrier.CHINA_TELECOM);
  }

  @ParameterizedTest
  @CsvSource({
      "17001234567, CHINA_TELECOM", "17011234567, CHINA_TELECOM", "17021234567, CHINA_TELECOM",
      "17031234567, CHINA_MOBILE", "17051234567, CHINA_MOBILE", "17061234567, CHINA_MOBILE",
      "17041234567, CHINA_UNICOM", "17071234567, CHINA_UNICOM", "17081234567, CHINA_UNICOM", "17091234567, CHINA_UNICOM",
      "16212345678, CHINA_TELECOM", "16512345678, CHINA_MOBILE", "16712345678, CHINA_UNICOM"
  })
  void shouldRouteVirtualOperatorsThroughTheirHost(String phone, Carrier host) {
    // given a virtual operator's number
    // when / then it is routed through its host carrier
    assertThat(DEFAULT.carrierOf(phone)).contains(host);
  }

  @Test
  void shouldRouteChinaBroadnetThroughChinaMobile() {
    // given a China Broadnet (192) number
    // when / then it goes through its network partner China Mobile
    assertThat(DEFAULT.carrierOf("19212345678")).contains(Carrier.CHINA_MOBILE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"14012345678", "16012345678", "19412345678", "12345678901", "not a phone", ""})
  void shouldNotGuessUnknownSegments(String phone) {
    // given an unknown segment or no mobile number at all
    // when / then no carrier is named
    assertThat(DEFAULT.carrierOf(phone)).isEmpty();
    assertThat(DEFAULT.carrierOf(null)).isEmpty();
  }

  @Test
  void shouldNormalizeBeforeLookingUp() {
    // given a number with country prefix and spaces
    // when / then the segment is read from the bare digits
    assertThat(DEFAULT.carrierOf("+86 189 1234 5678")).contains(Carrier.CHINA_TELECOM);
  }

  @Test
  void shouldLetTheLongestPrefixWin() {
    // given a table where a 4-digit prefix overrides its 3-digit segment
    CarrierDirectory directory = CarrierDirectory.parse(new StringReader("""
        prefix,carrier,note
        170,CHINA_UNICOM,
        1705,CHINA_MOBILE,virtual operator (China Mobile)
        """));
    // when / then the 4-digit prefix decides, the rest falls back to the 3-digit segment
    assertThat(directory.carrierOf("17051234567")).contains(Carrier.CHINA_MOBILE);
    assertThat(directory.carrierOf("17061234567")).contains(Carrier.CHINA_UNICOM);
  }

  @Test
  void shouldSkipBlankAndCommentLinesAndKeepNotesWithCommas() {
    // given a hand-edited table
    CarrierDirectory directory = CarrierDirectory.parse(new StringReader("""
        \uFEFF# edited by the operator
        prefix,carrier,note

        192 , CHINA_MOBILE , China Broadnet, network partner China Mobile
        """));
    // when / then the row is read
    assertThat(directory.carrierOf("19212345678")).contains(Carrier.CHINA_MOBILE);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "segment,carrier\n138,CHINA_MOBILE",
      "prefix,carrier,note\n138",
      "prefix,carrier,note\n38,CHINA_MOBILE,",
      "prefix,carrier,note\n13800,CHINA_MOBILE,",
      "prefix,carrier,note\n138,CHINA_BROADNET,",
      "prefix,carrier,note\n138,CHINA_MOBILE,\n138,CHINA_UNICOM,"
  })
  void shouldRefuseAMalformedTable(String table) {
    // given a table without header, with a bad row, an unknown carrier or a duplicate prefix
    // when / then it is refused instead of routing wrongly
    assertThatThrownBy(() -> CarrierDirectory.parse(new StringReader(table))).isInstanceOf(IllegalArgumentException.class);
  }
}
