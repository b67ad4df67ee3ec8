import GatehouseCore
import Hummingbird

/// The URL clients reach Gatehouse at: `server.public_url` when set, else built from the
/// request's Host header (checked, so a hostile Host cannot inject anything).
enum PublicURL {
    static func base(_ request: Request, config: GatehouseConfig) throws -> String {
        if let configured = config.server.publicURL { return configured }
        guard let host = request.head.authority, !host.isEmpty, host.utf8.count <= 255,
            host.allSatisfy({ $0.isLetter || $0.isNumber || ".-:[]".contains($0) })
        else { throw GatehouseError(.badRequest, "the request has no usable Host header") }
        return "http://\(host)"
    }
}
