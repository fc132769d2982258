package cn.beian.verify.kernel;

/** Masking a person's name for the public page (docs/rules.md §5): 张三 → 张*, 欧阳娜娜 → 欧**娜. */
public final class Names {
  private Names() {}

  /** First character kept, last kept when the name has 3 or more, the rest {@code *}; counts code points. */
  public static String mask(String name) {
    if (name == null) {
      return null;
    }
    int[] codePoints = name.strip().codePoints().toArray();
    int length = codePoints.length;
    if (length <= 1) {
      return new String(codePoints, 0, length);
    }
    String first = new String(codePoints, 0, 1);
    if (length == 2) {
      return first + "*";
    }
    return first + "*".repeat(length - 2) + new String(codePoints, length - 1, 1);
  }
}
