import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseIdentity
import GatehouseInference
import GatehouseRegistry
import GatehouseSandbox
import Hummingbird
import Logging

/// Maps every error to `{"error": {"code", "message"}}` with its HTTP status, in one place.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, shown) = Self.public(error, logger: context.logger)
            var response = Self.response(status: status, error: shown)
            if shown.code == .unauthenticated {
                response.headers[.wwwAuthenticate] = #"Bearer realm="gatehouse""#
            }
            return response
        }
    }

    /// The status and the caller-safe error for any thrown error. Details of store and internal
    /// failures (hosts, driver messages) go to the log, not to the caller.
    static func `public`(_ error: any Error, logger: Logger) -> (HTTPResponse.Status, GatehouseError) {
        switch error {
        case let error as GatehouseError where error.code == .storeUnavailable || error.code == .internal:
            logger.error("request failed", metadata: ["error": "\(error)"])
            let message = error.code == .internal ? "internal error" : "the store is unavailable; try again later"
            return (status(of: error.code), GatehouseError(error.code, message))
        case let error as GatehouseError:
            return (status(of: error.code), error)
        case let error as HTTPError:
            let code: GatehouseError.Code =
                error.status == .notFound ? .notFound : GatehouseError.Code(rawValue: "http_\(error.status.code)")
            return (error.status, GatehouseError(code, error.body ?? error.status.reasonPhrase))
        default:
            logger.error("unexpected error", metadata: ["error.type": "\(type(of: error))"])
            return (.internalServerError, GatehouseError(.internal, "internal error"))
        }
    }

    /// The HTTP status of each error code. The only place this mapping is made.
    static func status(of code: GatehouseError.Code) -> HTTPResponse.Status {
        switch code {
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .badRequest, .invalidFilter, .invalidPath, .invalidValue, .invalidSyntax, .mutability, .noTarget,
            .tooMany:
            .badRequest
        case .notFound: .notFound
        case .conflict, .sandboxState: .conflict
        case .methodNotAllowed: .methodNotAllowed
        case .preconditionFailed: .preconditionFailed
        case .payloadTooLarge: .contentTooLarge
        case .storeUnavailable, .unavailable, .sandboxUnavailable: .serviceUnavailable
        case .ociDigestInvalid, .ociNameInvalid, .ociManifestInvalid: .badRequest
        case .ociNameUnknown, .ociManifestUnknown, .ociBlobUnknown: .notFound
        case .ociUnsupported: .methodNotAllowed
        case .ociRangeInvalid: .rangeNotSatisfiable
        case .ociUpstreamFailed, .upstreamFailed, .engineInvalid: .badGateway
        case .modelNotFound: .notFound
        case .modelInvalid, .agentArtifactInvalid: .badRequest
        case .rateLimited: .tooManyRequests
        case .budgetExceeded: .forbidden
        case .engineUnavailable, .insufficientMemory: .serviceUnavailable
        case .invalidConfig, .auditTampered, .internal: .internalServerError
        default: .internalServerError
        }
    }

    static func response(for error: GatehouseError) -> Response {
        var response = self.response(status: status(of: error.code), error: error)
        if error.code == .unauthenticated {
            response.headers[.wwwAuthenticate] = #"Bearer realm="gatehouse""#
        }
        return response
    }

    static func response(status: HTTPResponse.Status, error: GatehouseError) -> Response {
        JSONBody.response(status: status, ErrorBody(error: .init(code: error.code.rawValue, message: error.message)))
    }

    struct ErrorBody: Encodable {
        struct Detail: Encodable {
            let code: String
            let message: String
        }
        let error: Detail
    }
}

/// JSON responses with one encoder configuration.
enum JSONBody {
    static func response(status: HTTPResponse.Status = .ok, _ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data =
            (try? encoder.encode(value)) ?? Data(#"{"error":{"code":"internal","message":"encoding failed"}}"#.utf8)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
