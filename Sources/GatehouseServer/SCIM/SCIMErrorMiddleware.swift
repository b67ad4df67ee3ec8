import Foundation
import GatehouseCore
import GatehouseIdentity
import Hummingbird
import Logging

/// Under `/scim/v2`, every error is a SCIM error message (RFC 7644 §3.12), with the status
/// chosen by ``ErrorMiddleware/status(of:)`` like everywhere else.
struct SCIMErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, shown) = ErrorMiddleware<Context>.public(error, logger: context.logger)
            var response = SCIMResponse.make(SCIMResponse.error(shown, status: status))
            if shown.code == .unauthenticated {
                response.headers[.wwwAuthenticate] = #"Bearer realm="gatehouse-scim""#
            }
            return response
        }
    }
}

/// SCIM results as HTTP responses: `application/scim+json`, with `ETag` and `Location`.
enum SCIMResponse {
    static let contentType = "application/scim+json; charset=utf-8"

    static func make(_ result: SCIMResult) -> Response {
        var headers: HTTPFields = [:]
        if let etag = result.etag { headers[.eTag] = etag }
        if let location = result.location { headers[.location] = location }
        guard let body = result.body else {
            return Response(status: .init(code: result.status), headers: headers)
        }
        headers[.contentType] = contentType
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(body)) ?? Data(#"{"detail":"encoding failed","status":"500"}"#.utf8)
        return Response(
            status: .init(code: result.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The SCIM error message for `error`.
    static func error(_ error: GatehouseError, status: HTTPResponse.Status) -> SCIMResult {
        var body: [String: SCIMJSON] = [
            "schemas": .array([.string(SCIMURN.error)]),
            "status": .string(String(status.code)),
            "detail": .string(error.message),
        ]
        if let type = SCIMErrorType.of(error.code) { body["scimType"] = .string(type) }
        return SCIMResult(status: status.code, body: .object(body))
    }
}
