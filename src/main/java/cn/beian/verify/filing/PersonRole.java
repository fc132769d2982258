package cn.beian.verify.filing;

public enum PersonRole { ENTITY_PRINCIPAL, WEBSITE_PRINCIPAL }
