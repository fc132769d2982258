package cn.beian.verify.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The 31 mainland provinces (provincial-level divisions) by ISO 3166-2:CN code; each is a tenant of the engine. */
public final class Provinces {

  private static final Map<String, String> NAMES = new LinkedHashMap<>();

  static {
    add("CN-BJ", "北京"); add("CN-TJ", "天津"); add("CN-HE", "河北"); add("CN-SX", "山西");
    add("CN-NM", "内蒙古"); add("CN-LN", "辽宁"); add("CN-JL", "吉林"); add("CN-HL", "黑龙江");
    add("CN-SH", "上海"); add("CN-JS", "江苏"); add("CN-ZJ", "浙江"); add("CN-AH", "安徽");
    add("CN-FJ", "福建"); add("CN-JX", "江西"); add("CN-SD", "山东"); add("CN-HA", "河南");
    add("CN-HB", "湖北"); add("CN-HN", "湖南"); add("CN-GD", "广东"); add("CN-GX", "广西");
    add("CN-HI", "海南"); add("CN-CQ", "重庆"); add("CN-SC", "四川"); add("CN-GZ", "贵州");
    add("CN-YN", "云南"); add("CN-XZ", "西藏"); add("CN-SN", "陕西"); add("CN-GS", "甘肃");
    add("CN-QH", "青海"); add("CN-NX", "宁夏"); add("CN-XJ", "新疆");
  }

  private static final List<String> CODES = List.copyOf(NAMES.keySet());

  private static void add(String code, String name) {
    NAMES.put(code, name);
  }

  public static boolean isKnown(String code) {
    return code != null && NAMES.containsKey(code);
  }

  /** the short Chinese name, e.g. 甘肃 for CN-GS */
  public static String nameOf(String code) {
    if (!isKnown(code)) {
      throw new IllegalArgumentException("unknown province: " + code);
    }
    return NAMES.get(code);
  }

  /** the 31 codes in the order of the national administrative division list */
  public static List<String> codes() {
    return CODES;
  }

  private Provinces() {}
}
