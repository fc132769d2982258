package cn.beian.verify.process;

/**
 * One field a person sent that the product refuses: its name as sent, its label as the form shows it (the name when
 * the form has no such field) and what is wrong, in Chinese.
 */
public record InputProblem(String field, String label, String message) {

  /** "label: message", as Tasklist shows it */
  public String text() {
    return label + ": " + message;
  }
}
