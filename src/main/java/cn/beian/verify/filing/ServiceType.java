package cn.beian.verify.filing;

public enum ServiceType { WEBSITE, APP, WEBSITE_AND_APP }
