package cn.beian.verify.filing;

import java.util.List;

/** A filing request as an access provider (or the Tasklist start form) submits it; raw, not yet validated. */
public record FilingSubmission(
    String requestNo,
    String type,
    String province,
    String serviceType,
    Entity entity,
    List<Website> websites,
    Change change) {

  public record Person(String name, String phone, String idType, String idNumber) {}

  public record Entity(String name, Person principal) {}

  public record Website(String ref, String domain, Person principal) {}

  public record Change(Boolean entityChanged, List<String> changedWebsites, Boolean remarksOnly) {}

  public List<Website> websitesOrEmpty() {
    return websites == null ? List.of() : websites;
  }
}
