package cn.beian.verify.archfixture.right;

import cn.beian.verify.archfixture.left.Left;
import org.camunda.bpm.engine.ProcessEngine;

/** The other half of the planted cycle, and a Camunda import outside the process adapter. */
public class Right {
  Left left;
  ProcessEngine engine;
}
