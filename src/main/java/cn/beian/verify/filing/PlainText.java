package cn.beian.verify.filing;

/**
 * Checks on the free text of a request (names), character by character: no regular expression, so no input of any
 * length makes them backtrack or recurse. What is refused would otherwise travel into SMS texts, Tasklist and the
 * reviewer's screen: control characters (NUL, C0/C1, DEL, line breaks), invisible format characters, among them the
 * bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) that make a name read differently than it is
 * stored, and broken UTF-16.
 */
final class PlainText {
  private PlainText() {}

  /** whether the text holds a character no name may hold (see the class comment) */
  static boolean hasForbiddenCharacter(String text) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (isForbidden(c)) {
        return true;
      }
      i += Character.charCount(c);
    }
    return false;
  }

  /**
   * whether the text is a person's name as identity documents write it: letters (any script) and their combining
   * marks, single spaces between parts, and the separators names use (· ・ • . - ' ’)
   */
  static boolean isPersonName(String text) {
    int previous = ' ';
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      boolean letter = Character.isLetter(c) || isMark(c);
      if (!letter && !isNameSeparator(c)) {
        return false;
      }
      if (c == ' ' && previous == ' ') {
        return false;
      }
      previous = c;
      i += Character.charCount(c);
    }
    return true;
  }

  /** the text's length in Unicode characters (a CJK character or an emoji is one) */
  static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  private static boolean isForbidden(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
  }

  private static boolean isMark(int c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static boolean isNameSeparator(int c) {
    return c == ' ' || c == '\u00B7' || c == '\u30FB' || c == '\u2022' || c == '.' || c == '-' || c == '\''
        || c == '\u2019';
  }
}
