import AsyncHTTPClient
import Foundation
import GatehouseCore
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

extension RegistryClient {
    /// The body of `response` when it is at most `limit` bytes; `nil` when larger or broken.
    static func collect(_ response: HTTPClientResponse, limit: Int) async -> ByteBuffer? {
        try? await response.body.collect(upTo: limit)
    }

    /// The lowercased `host[:port]` of an absolute URL.
    static func host(of url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host else { return nil }
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return (components.port.map { "\(bracketed):\($0)" } ?? bracketed).lowercased()
    }

    /// "`step`: the registry answered STATUS CODE: message" with the first OCI error of the body.
    static func failure(_ step: String, _ response: HTTPClientResponse) async -> GatehouseError {
        var detail = ""
        if let body = await collect(response, limit: 64 << 10) {
            struct Errors: Decodable {
                struct Entry: Decodable {
                    var code: String?
                    var message: String?
                }
                var errors: [Entry]?
            }
            if let first = (try? JSONDecoder().decode(Errors.self, from: Data(buffer: body)))?.errors?.first {
                detail =
                    ": " + DMRManifest.excerpt([first.code, first.message].compactMap { $0 }.joined(separator: " "))
            }
        }
        let code: GatehouseError.Code =
            switch response.status {
            case .unauthorized: .unauthenticated
            case .forbidden: .forbidden
            default: .upstreamFailed
            }
        return GatehouseError(code, "\(step): the registry answered \(response.status.code)\(detail)")
    }
}
