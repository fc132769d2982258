package cn.beian.verify.filing;

public enum ReturnReason { EXPIRED, VERIFICATION_FAILED }
