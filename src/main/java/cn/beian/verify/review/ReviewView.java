package cn.beian.verify.review;

import java.util.List;

/**
 * What the bureau's review form shows (docs/rules.md §8): the request, its persons and each person's verification
 * trail, every code by its Chinese label. Built per request for the person looking and never stored: personal data is
 * in clear only in the view for the request's own bureau ({@code unmasked}), masked for anyone else.
 *
 * @param title one line naming the request
 * @param unmasked whether personal data is shown in clear
 * @param notice what the viewer must know about the data shown
 * @param request the request's facts, one row each
 * @param persons the responsible persons named in the request
 * @param verifications one row per SMS verification (one per phone), with its trail
 * @param history every event of the request, oldest first
 */
public record ReviewView(String title, boolean unmasked, String notice, List<Item> request, List<Person> persons,
    List<Verification> verifications, List<Event> history) {

  public record Item(String item, String value) {}

  public record Person(String role, String website, String name, String phone, String idType, String idNumber) {}

  /**
   * @param sent first and last sending time
   * @param resends manual resends and whether the automatic one went out
   */
  public record Verification(String name, String phone, String roles, String status, String sent, String resends,
      int failedAttempts, String verifiedAt) {}

  public record Event(String at, String event, String person, String detail) {}
}
