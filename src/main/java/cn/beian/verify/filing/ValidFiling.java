package cn.beian.verify.filing;

import cn.beian.verify.kernel.IdType;
import java.util.List;

/** A submission that passed validation: enums resolved, phones normalised. */
public record ValidFiling(
    String requestNo,
    FilingType type,
    String province,
    ServiceType serviceType,
    String entityName,
    boolean entityChanged,
    boolean remarksOnly,
    List<Principal> principals) {

  /** a person in one role; {@code websiteRef} is null for the entity principal */
  public record Principal(
      PersonRole role, String websiteRef, String websiteDomain, boolean websiteChanged,
      String name, String phone, IdType idType, String idNumber) {}

  public boolean websitesChanged() {
    return principals.stream().anyMatch(Principal::websiteChanged);
  }
}
