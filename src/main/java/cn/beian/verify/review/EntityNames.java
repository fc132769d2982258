package cn.beian.verify.review;

import cn.beian.verify.kernel.Names;
import java.util.List;
import java.util.Locale;

/**
 * An organisation's name is not personal data and is shown in clear where staff find their work (task names, the
 * review); an individual entity's name (a personal filing: 个人备案) is masked like any person's name. A request does
 * not say which it is, so a name counts as an organisation's only when it clearly is one: it differs from the entity
 * principal's name and ends like the name of a company, institution or body. Anything else is masked.
 */
public final class EntityNames {
  /** endings of organisation names (有限公司, 分公司 … all end with 公司) */
  private static final List<String> ORGANISATION_ENDINGS = List.of(
      "公司", "集团", "企业", "研究院", "研究所", "设计院", "事务所", "工作室", "合作社", "中心", "协会", "学会",
      "商会", "联合会", "促进会", "基金会", "委员会", "办公室", "俱乐部", "大学", "学院", "学校", "中学", "小学",
      "幼儿园", "医院", "卫生院", "诊所", "银行", "政府", "图书馆", "博物馆", "纪念馆", "出版社", "报社", "杂志社",
      "电视台", "广播电台");
  /** one-character endings, only for names too long to be a person's given and family name (4+ characters) */
  private static final List<String> SHORT_ENDINGS = List.of("厂", "店", "行", "馆", "局", "厅", "部", "处", "院", "所",
      "站", "社", "台", "园", "室", "队", "校", "会", "场", "庄", "坊", "铺");
  private static final List<String> LATIN_MARKERS = List.of(" ltd", " limited", " inc", " corp", " co.", " llc",
      " gmbh", " company", " group", " university", " association", " foundation");

  private EntityNames() {}

  /** whether the entity is recognisably an organisation (and not the person who is its principal) */
  public static boolean isOrganisation(String entityName, String entityPrincipalName) {
    if (entityName == null || entityName.isBlank()) {
      return false;
    }
    String name = entityName.strip();
    if (entityPrincipalName != null && name.equals(entityPrincipalName.strip())) {
      return false;
    }
    if (ORGANISATION_ENDINGS.stream().anyMatch(name::endsWith)) {
      return true;
    }
    if (name.codePointCount(0, name.length()) >= 4 && SHORT_ENDINGS.stream().anyMatch(name::endsWith)) {
      return true;
    }
    String latin = " " + name.toLowerCase(Locale.ROOT);
    return LATIN_MARKERS.stream().anyMatch(latin::contains);
  }

  /** the name as shown outside the bureau's own review: an organisation's in clear, an individual's masked */
  public static String shown(String entityName, String entityPrincipalName) {
    return isOrganisation(entityName, entityPrincipalName) ? entityName.strip() : Names.mask(entityName);
  }
}
