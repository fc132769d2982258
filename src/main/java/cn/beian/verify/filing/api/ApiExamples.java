package cn.beian.verify.filing.api;

/** Examples shown in the OpenAPI document (Swagger UI), in the words of docs/http-contract.md §1. */
final class ApiExamples {
  static final String SUBMISSION = """
      {
        "requestNo": "ALIYUN-20261122-0001",
        "type": "NEW_FILING",
        "province": "CN-GS",
        "serviceType": "WEBSITE",
        "entity": {
          "name": "兰州示例科技有限公司",
          "principal": {"name": "张三", "phone": "13800138000", "idType": "RESIDENT_ID", "idNumber": "62010219900307123X"}
        },
        "websites": [
          {"ref": "w1", "domain": "example.cn",
           "principal": {"name": "李四", "phone": "13900139000", "idType": "RESIDENT_ID", "idNumber": "620102199001011233"}}
        ]
      }""";

  static final String CHANGE = """
      {
        "requestNo": "ALIYUN-20261122-0002",
        "type": "CHANGE",
        "province": "CN-GS",
        "serviceType": "WEBSITE",
        "entity": {
          "name": "兰州示例科技有限公司",
          "principal": {"name": "张三", "phone": "13800138000", "idType": "RESIDENT_ID", "idNumber": "62010219900307123X"}
        },
        "websites": [
          {"ref": "w1", "domain": "example.cn",
           "principal": {"name": "李四", "phone": "13900139000", "idType": "RESIDENT_ID", "idNumber": "620102199001011233"}}
        ],
        "change": {"entityChanged": false, "changedWebsites": ["w1"], "remarksOnly": false}
      }""";

  static final String VIEW = """
      {
        "filingId": "0b7c4f0e-5d0a-4d7b-9a53-1f1d2c3e4f50",
        "requestNo": "ALIYUN-20261122-0001",
        "type": "NEW_FILING",
        "province": "CN-GS",
        "status": "VERIFYING",
        "verificationDeadline": "2026-11-23T15:04:05+08:00",
        "verifiers": [
          {"roles": ["ENTITY_PRINCIPAL"], "name": "张*", "phone": "138****8000", "status": "PENDING",
           "failedAttempts": 0, "manualResends": 0, "verifiedAt": null,
           "sms": {"state": "DELIVERED", "at": "2026-11-22T15:04:09+08:00"}},
          {"roles": ["WEBSITE_PRINCIPAL"], "name": "李*", "phone": "139****9000", "status": "PENDING",
           "failedAttempts": 0, "manualResends": 0, "verifiedAt": null,
           "sms": {"state": "SUBMITTED", "at": "2026-11-22T15:04:06+08:00"}}
        ],
        "returnReason": null,
        "reviewDecision": null,
        "reviewComment": null,
        "history": [
          {"at": "2026-11-22T15:04:05+08:00", "event": "SUBMITTED"},
          {"at": "2026-11-22T15:04:05+08:00", "event": "SMS_SENT", "phone": "138****8000"},
          {"at": "2026-11-22T15:04:05+08:00", "event": "SMS_SENT", "phone": "139****9000"}
        ]
      }""";

  static final String INVALID = """
      {
        "type": "about:blank",
        "title": "申请信息有误",
        "status": 400,
        "detail": "备案申请有2处信息有误,请修改后重新提交。",
        "instance": "/api/v1/filings",
        "errors": [
          {"field": "entity.principal.phone", "message": "手机号段为166、199、198、147开头的,不支持备案"},
          {"field": "websites[0].principal.idNumber", "message": "居民身份证号码无效(18位,校验位不正确或出生日期无效)"}
        ]
      }""";

  static final String UNAUTHORIZED = """
      {
        "type": "about:blank",
        "title": "未认证",
        "status": 401,
        "detail": "接入商API密钥无效,请检查请求头 X-Api-Key。",
        "instance": "/api/v1/filings"
      }""";

  static final String NOT_FOUND = """
      {
        "type": "about:blank",
        "title": "备案申请不存在",
        "status": 404,
        "detail": "找不到该备案申请,或它不属于您。",
        "instance": "/api/v1/filings/0b7c4f0e-5d0a-4d7b-9a53-1f1d2c3e4f50"
      }""";

  static final String REQUEST_NO_CONFLICT = """
      {
        "type": "about:blank",
        "title": "申请编号冲突",
        "status": 409,
        "detail": "申请编号 ALIYUN-20261122-0001 已被使用,且申请内容不同。请使用新的申请编号提交新的申请。",
        "instance": "/api/v1/filings"
      }""";

  static final String CLOSED = """
      {
        "type": "about:blank",
        "title": "备案申请已结束",
        "status": 409,
        "detail": "该备案申请已结束(APPROVED),不能撤回。",
        "instance": "/api/v1/filings/0b7c4f0e-5d0a-4d7b-9a53-1f1d2c3e4f50"
      }""";

  private ApiExamples() {}

  static final String PAGE = """
      {
        "items": [
          {"filingId": "0b7c4f0e-5d0a-4d7b-9a53-1f1d2c3e4f50", "requestNo": "ALIYUN-20261122-0001", "type": "NEW_FILING",
           "province": "CN-GS", "status": "UNDER_REVIEW", "verificationDeadline": "2026-11-23T15:04:05+08:00",
           "verifiers": [{"roles": ["ENTITY_PRINCIPAL"], "name": "张*", "phone": "138****8000", "status": "VERIFIED",
                          "failedAttempts": 0, "manualResends": 0, "verifiedAt": "2026-11-22T15:10:02+08:00"}],
           "returnReason": null, "reviewDecision": null, "reviewComment": null,
           "history": [{"at": "2026-11-22T15:04:05+08:00", "event": "SUBMITTED"}]}
        ],
        "nextCursor": "MjAyNi0xMS0yMlQwNzowNDowNS4xMjM0NTZafzBiN2M0ZjBl.0f1e2d3c4b5a69788796a5b4c3d2e1f0"
      }""";

  static final String INVALID_QUERY = """
      {
        "type": "about:blank", "title": "查询参数有误", "status": 400,
        "detail": "有2个查询参数有误,请修改后重试。", "instance": "/api/v1/filings",
        "errors": [{"field": "limit", "message": "应为1到100之间的整数"},
                   {"field": "submittedFrom", "message": "应为ISO-8601格式的时间,带时区,例如 2026-11-22T00:00:00Z 或 2026-11-22T08:00:00+08:00"}]
      }""";
}
