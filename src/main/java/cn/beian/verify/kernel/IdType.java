package cn.beian.verify.kernel;

/** Identity documents a responsible person may give (docs/rules.md §9). */
public enum IdType {
  /** 居民身份证 */
  RESIDENT_ID,
  /** 护照 */
  PASSPORT,
  /** 港澳居民来往内地通行证 / 往来港澳通行证 */
  HK_MACAO_PERMIT,
  /** 台湾居民来往大陆通行证 */
  TAIWAN_PERMIT
}
