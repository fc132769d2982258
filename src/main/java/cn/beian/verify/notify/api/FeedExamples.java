package cn.beian.verify.notify.api;

/** Examples of the change feed in the OpenAPI document, in the words of docs/http-contract.md §1. */
final class FeedExamples {
  static final String PAGE = """
      {
        "items": [
          {"cursor": "MTE.8d2f3a1c0b9e4d7f6a5b4c3d2e1f0a9b", "filingId": "0b7c4f0e-5d0a-4d7b-9a53-1f1d2c3e4f50",
           "requestNo": "ALIYUN-20261122-0001", "event": "verifier.verified", "status": "VERIFYING",
           "verifier": {"roles": ["ENTITY_PRINCIPAL"], "name": "张*", "phone": "138****8000", "status": "VERIFIED"},
           "at": "2026-11-22T15:10:02.345+08:00"},
          {"cursor": "MTI.5f0c2a7d1e3b4c5d6e7f8091a2b3c4d5", "filingId": "0b7c4f0e-5d0a-4d7b-9a53-1f1d2c3e4f50",
           "requestNo": "ALIYUN-20261122-0001", "event": "filing.status_changed", "status": "UNDER_REVIEW",
           "at": "2026-11-22T15:10:02.345+08:00"}
        ],
        "nextCursor": "MTI.5f0c2a7d1e3b4c5d6e7f8091a2b3c4d5"
      }""";

  static final String INVALID = """
      {
        "type": "about:blank", "title": "查询参数有误", "status": 400,
        "detail": "有1个查询参数有误,请修改后重试。", "instance": "/api/v1/filing-changes",
        "errors": [{"field": "after", "message": "游标无效:请原样使用本接口上一页返回的游标"}]
      }""";

  private FeedExamples() {}
}
