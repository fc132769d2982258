package cn.beian.verify.archfixture.left;

import cn.beian.verify.archfixture.right.Right;

/** Half of a planted package cycle: ArchitectureTest shows its rules find it. */
public class Left {
  Right right;
}
