package cn.beian.verify.kernel;


/** One invalid field of a submission: its JSON path and a message in Chinese. */
public record FieldError(String field, String message) {}
