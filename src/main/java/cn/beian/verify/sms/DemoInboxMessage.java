package cn.beian.verify.sms;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One message of the demo inbox (docs/http-contract.md §3), decrypted; serialised as {@code {to, from, text, sentAt}}.
 *
 * @param to the recipient, null when the message could not be decrypted
 * @param text null when the message could not be decrypted
 * @param sentAt ISO-8601 with the Beijing offset, e.g. {@code 2026-11-23T15:04:05+08:00}
 * @param toMasked the recipient masked, for the page that lists every phone's messages
 */
public record DemoInboxMessage(String to, String from, String text, String sentAt, @JsonIgnore String toMasked) {

  /** false for a message stored under another data key (or damaged): the page marks it, the API leaves it out */
  @JsonIgnore
  public boolean readable() {
    return text != null && to != null;
  }
}
