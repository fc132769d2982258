package cn.beian.verify.verification.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a verifier is told (200): the result code and its verbatim message (docs/rules.md §5, §6).
 *
 * @param remainingAttempts after a {@code WRONG_INFO} only (the person proved they hold the code): how many more
 *     failures the verification survives; absent otherwise, so a guesser learns nothing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationAnswer(String result, String message, Integer remainingAttempts) {

  public VerificationAnswer(String result, String message) {
    this(result, message, null);
  }
}
