"""The error answers of the JSON API, stated in its OpenAPI schema.

Every error the API gives is JSON with a Chinese ``detail`` (fazhi/api.py's handlers and
core.middleware); this module writes down, once for every operation, which of them the
operation can answer, so that a client (and the schema fuzz in CI) knows them:

- 400 any operation: a control character refused (core/cleaning.py), a rule of the
  record refused (ValidationError), the working calendar of a year not loaded;
- 401 an operation that needs a login or a token;
- 403 an operation that needs a login: a permission refused, or CSRF on a write;
- 404 an operation with a path parameter: the record does not exist or is out of scope;
- 409 an operation that replaces a record (PUT, PATCH): changed by someone else since it
  was read (optimistic locking); another route declares it itself if it gives it;
- 422 an operation with parameters or a body: a parameter of the wrong type or range.

A route states an answer of its own with ninja's ``response={…}``; that is kept.
"""

from __future__ import annotations

from ninja import Schema


class ErrorOut(Schema):
    detail: str


class ProblemOut(Schema):
    loc: list[str | int]
    type: str
    msg: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[ProblemOut]


DESCRIPTIONS = {
    400: "请求有误（含控制字符、违反业务规则、工作日历未载入等），detail 为中文说明",
    401: "未登录或接口令牌无效",
    403: "无权执行该操作，或以登录会话调用写操作时CSRF校验失败",
    404: "记录不存在或无权访问",
    409: "记录已被他人修改，请刷新后重试",
    422: "参数类型或取值范围不合法，errors 逐项说明",
}


def _ref(name: str) -> dict:
    return {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}}


def document_errors(schema: dict) -> dict:
    """Add the error answers (and their two body schemas) to every operation of ``schema``."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["ErrorOut"] = ErrorOut.model_json_schema()
    problem = ProblemOut.model_json_schema()
    components["ProblemOut"] = problem
    out = ValidationErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    out.pop("$defs", None)
    components["ValidationErrorOut"] = out
    for ops in schema.get("paths", {}).values():
        for method, op in ops.items():
            params = op.get("parameters", [])
            codes = {400}
            if op.get("security"):
                codes |= {401, 403}
            if any(p.get("in") == "path" for p in params):
                codes.add(404)
            if params or op.get("requestBody"):
                codes.add(422)
            if method.lower() in ("put", "patch"):
                codes.add(409)
            responses = op.setdefault("responses", {})
            for code in sorted(codes):
                if code in responses or str(code) in responses:
                    continue
                body = _ref("ValidationErrorOut" if code == 422 else "ErrorOut")
                responses[code] = {"description": DESCRIPTIONS[code], **body}
    return schema
