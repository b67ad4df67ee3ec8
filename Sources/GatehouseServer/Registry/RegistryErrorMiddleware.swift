import Foundation
import GatehouseCore
import GatehouseRegistry
import HTTPTypes
import Hummingbird

/// Under `/v2`, errors are the distribution spec's `{"errors": [{"code", "message"}]}`, with the
/// status from ``ErrorMiddleware/status(of:)``; a 401 carries the challenge that sends clients
/// to the token endpoint, for the repository they asked for.
struct RegistryErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let config: ConfigHolder

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, shown) = ErrorMiddleware<Context>.public(error, logger: context.logger)
            var response = JSONBody.response(
                status: status,
                OCIErrors(errors: [.init(code: Self.ociCode(shown.code), message: shown.message)]))
            response.headers[HTTPField.Name("Docker-Distribution-API-Version")!] = "registry/2.0"
            if status == .unauthorized {
                let base = (try? PublicURL.base(request, config: config.loaded.config)) ?? ""
                var challenge = #"Bearer realm="\#(base)/v2/token",service="gatehouse""#
                if let name = RegistryPath.name(request.uri.path) {
                    challenge += #",scope="repository:\#(name):pull""#
                }
                response.headers[.wwwAuthenticate] = challenge
            }
            return response
        }
    }

    /// The spec's code for a Gatehouse error code.
    static func ociCode(_ code: GatehouseError.Code) -> String {
        switch code {
        case .unauthenticated: "UNAUTHORIZED"
        case .forbidden: "DENIED"
        default: code.rawValue.uppercased() == code.rawValue ? code.rawValue : "UNKNOWN"
        }
    }

    struct OCIErrors: Encodable {
        struct Entry: Encodable {
            let code: String
            let message: String
        }
        let errors: [Entry]
    }
}
